import { MountRequirement, type SecretRequest } from '../secret/secret-request.js';
import { InjectionError, InjectionErrorCode } from './injection-error.js';

/**
 * For backends that can only deliver a file: returns for ANY and FILE, refuses ENV_VAR saying why
 * (`how` tells how the backend delivers, e.g. "through an init container that writes the file")
 * and what to ask for instead.
 */
export function requireFileMount(secret: SecretRequest, backend: string, how: string): void {
  switch (secret.mountRequirement) {
    case MountRequirement.ANY:
    case MountRequirement.FILE:
      return;
    case MountRequirement.ENV_VAR:
      throw new InjectionError(
        InjectionErrorCode.UnsupportedMount,
        `${backend} delivers a secret only as a file, ${how}, so it cannot put the value in an environment variable (ENV_VAR); ` +
          'ask for FILE or ANY, and set envVar to receive the file path in a variable',
      );
    default:
      throw new InjectionError(InjectionErrorCode.UnsupportedMount, `mount requirement ${String(secret.mountRequirement)} is not one of ANY, ENV_VAR, FILE`);
  }
}
