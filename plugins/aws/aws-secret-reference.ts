import { goLower, InjectionError, InjectionErrorCode, joinPath, SECRETS_MOUNT_DIR, type SecretRequest } from '../../core/index.js';

/** Where an AWS secret comes from and where its file goes. */
export interface AwsSecretReference {
  /** The sidecar's SECRET_ARN: trimRight(group, ':') + ':' + trimLeft(key, ':'), as Flyte builds it. */
  readonly secretArn: string;
  /** The sidecar's SECRET_FILENAME, relative to its /tmp: /<lc(group)>/<lc(key)>. */
  readonly fileName: string;
  /** The file as the pod's containers see it: /etc/flyte/secrets/<lc(group)>/<lc(key)>. */
  readonly filePath: string;
}

// Secrets Manager's own pattern for a secret ARN (partition, region, 12-digit account, secret name).
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]{1,64}:\d{12}:secret:[A-Za-z0-9/_+=.@!-]{1,512}$/;
const EXAMPLE = 'group "arn:aws:secretsmanager:us-east-1:123456789012:secret" and key "my-secret-AbCdEf"';

/**
 * Resolves a request as Flyte v2's AWS injector does, refusing what cannot be a Secrets Manager ARN
 * (the sidecar would fail in the pod) and names whose path segments would leave the secrets directory.
 */
export function resolveAwsSecretReference(secret: SecretRequest): AwsSecretReference {
  if (secret.group === '' || secret.key === '') {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `an AWS Secrets Manager secret needs both a group and a key, e.g. ${EXAMPLE}`);
  }
  const secretArn = `${secret.group.replace(/:+$/, '')}:${secret.key.replace(/^:+/, '')}`;
  if (!SECRET_ARN.test(secretArn)) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `"${secretArn}" (group ":" key) is not a Secrets Manager secret ARN, arn:<partition>:secretsmanager:<region>:<account>:secret:<name>; e.g. ${EXAMPLE}`,
    );
  }
  const segments = [...secret.group.split('/'), ...secret.key.split('/')];
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `AWS secret group "${secret.group}" and key "${secret.key}" must not hold empty, '.' or '..' path segments`);
  }
  const group = goLower(secret.group);
  const key = goLower(secret.key);
  return { secretArn, fileName: joinPath('/', group, key), filePath: joinPath(SECRETS_MOUNT_DIR, group, key) };
}
