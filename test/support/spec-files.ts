import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What tsc makes of a spec: the suffix mocha's spec glob (.mocharc.json) selects. */
export const SPEC_SUFFIX = '.test.js';

/**
 * The compiled spec files at `path`: the file itself, or every `*.test.js` below the folder, sorted,
 * so a list of them is the same on every machine before anyone reorders it.
 */
export function specFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(SPEC_SUFFIX))
    .sort()
    .map((name) => join(path, name));
}
