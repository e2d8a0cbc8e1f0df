import { goLower, InjectionError, InjectionErrorCode, joinPath, SECRETS_MOUNT_DIR, type SecretRequest } from '../../core/index.js';

/** A Google Secret Manager secret version, and where its file goes. */
export interface GcpSecretReference {
  /** The secret: its id, or its resource name projects/<project>/[locations/<location>/]secrets/<id>. */
  readonly secret: string;
  readonly version: string;
  /** /etc/flyte/secrets/<lc(group)>/<lc(group_version)>, as Flyte names it. */
  readonly filePath: string;
}

// Secret ids are 1-255 letters, digits, '-' and '_'; a project is an id, a number or domain:id.
const SECRET = /^(?:projects\/[A-Za-z0-9.:-]{1,100}\/(?:locations\/[a-z0-9-]{1,63}\/)?secrets\/)?[A-Za-z0-9_-]{1,255}$/;
// A version number, `latest`, or an alias.
const VERSION = /^[A-Za-z0-9_-]{1,255}$/;
const EXAMPLE = 'group "my-secret" (or "projects/my-project/secrets/my-secret") and group_version "latest" or "3"';

/**
 * Resolves a request as Flyte v2's GCP injector does (group = the secret, group_version = its
 * version, key unused), refusing what Secret Manager could not hold before it reaches a shell command.
 */
export function resolveGcpSecretReference(secret: SecretRequest): GcpSecretReference {
  if (secret.group === '' || secret.groupVersion === '') {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `a Google Secret Manager secret needs a group (the secret) and a group_version (its version), e.g. ${EXAMPLE}; the key is not used`);
  }
  if (!SECRET.test(secret.group)) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `group "${secret.group}" is not a Secret Manager secret id (1-255 letters, digits, '-' or '_') or resource name projects/<project>/secrets/<id>; e.g. ${EXAMPLE}`,
    );
  }
  if (!VERSION.test(secret.groupVersion)) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `group_version "${secret.groupVersion}" is not a Secret Manager version (a number, latest, or an alias of letters, digits, '-' and '_')`,
    );
  }
  return { secret: secret.group, version: secret.groupVersion, filePath: goLower(joinPath(SECRETS_MOUNT_DIR, secret.group, secret.groupVersion)) };
}
