import { shellQuote } from '../naming/shell-quote.js';
import { SECRETS_MOUNT_DIR } from '../naming/flyte-conventions.js';

/**
 * The directories between the secrets directory and `filePath` (both excluded), outermost first:
 * those a fetcher creates, and must open to the workload, for a secret file nested below it.
 */
export function directoriesBelowSecretsDir(filePath: string): string[] {
  const prefix = `${SECRETS_MOUNT_DIR}/`;
  if (!filePath.startsWith(prefix)) throw new Error(`podsecrets bug: ${filePath} is not under ${SECRETS_MOUNT_DIR}`);
  const parts = filePath.slice(prefix.length).split('/').slice(0, -1);
  return parts.map((_, index) => prefix + parts.slice(0, index + 1).join('/'));
}

/** `mkdir -p` of the file's directory, when it is below the secrets directory; else nothing. */
export function makeParentCommand(filePath: string): string | undefined {
  const directories = directoriesBelowSecretsDir(filePath);
  const parent = directories[directories.length - 1];
  return parent === undefined ? undefined : `mkdir -p ${shellQuote(parent)}`;
}

/**
 * Opens the file and every directory a fetcher made for it to all users (`a+rX`), whatever the
 * fetcher's umask: the workload often runs as another user than the fetcher, which runs as root and
 * whose CLI may write the file 0600.
 */
export function openToWorkloadCommand(filePath: string): string {
  return `chmod a+rX ${[...directoriesBelowSecretsDir(filePath), filePath].map(shellQuote).join(' ')}`;
}
