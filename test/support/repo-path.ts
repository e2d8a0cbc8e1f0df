import { fileURLToPath } from 'node:url';

// Compiled, this file is dist/test/support/repo-path.js: the repository is three levels up.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** An absolute path inside the repository, e.g. repoPath('docs/examples/pod.yaml'). */
export function repoPath(relative: string): string {
  return `${ROOT}${relative}`;
}
