import { isEnvVarName } from '../naming/k8s-name-rules.js';
import { quoteName } from '../secret/secret-request.js';
import { InjectionError, InjectionErrorCode } from './injection-error.js';

/** `name`, if the API server accepts it as an env var name; otherwise an InjectionError naming `what`. */
export function requireEnvVarName(name: string, what: string): string {
  if (!isEnvVarName(name)) {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `${what} ${quoteName(name)} is not a valid environment variable name (letters, digits, '_', '-' and '.', not starting with a digit)`);
  }
  return name;
}
