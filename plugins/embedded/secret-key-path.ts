import { InjectionError, InjectionErrorCode, joinPath, SECRETS_MOUNT_DIR } from '../../core/index.js';

const MAX_PATH_BYTES = 4096;

/**
 * The file a FILE secret's key becomes: /etc/flyte/secrets/<key>, case kept (Flyte writes the key as
 * it is). A key may hold '=', spaces or '/', which makes subdirectories; it may not climb out of the
 * directory or name it, so '.', '..', empty segments and a leading '/' are refused.
 */
export function secretFilePath(key: string): { readonly relative: string; readonly absolute: string } {
  const segments = key.split('/');
  const bad = key.startsWith('/') || key.includes('\0') || segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad || Buffer.byteLength(key) > MAX_PATH_BYTES) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `key "${key}" cannot be a file under ${SECRETS_MOUNT_DIR}: it must be a relative path without empty, '.' or '..' segments or NUL, at most ${MAX_PATH_BYTES} bytes; ask for it as ENV_VAR instead`,
    );
  }
  return { relative: key, absolute: joinPath(SECRETS_MOUNT_DIR, key) };
}

/**
 * The path among `taken` that `path` cannot live beside: one is a directory of the other ("a" and
 * "a/b"), so one file would have to be a directory. Undefined when there is none.
 */
export function clashingPath(taken: Iterable<string>, path: string): string | undefined {
  for (const other of taken) {
    if (other !== path && (other.startsWith(`${path}/`) || path.startsWith(`${other}/`))) return other;
  }
  return undefined;
}

/** The refusal for a path that {@link clashingPath} found a clash for. */
export function pathClashError(key: string, other: string): InjectionError {
  return new InjectionError(InjectionErrorCode.MountConflict, `key "${key}" and the file ${other} cannot both be files: one would have to be a directory of the other`);
}
