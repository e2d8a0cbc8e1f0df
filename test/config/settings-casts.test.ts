import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../support/repo-path.js';

// `config.webhook['x'] as T`, `settings['y'] as T`, `(config['z']) as T`: a configuration value cast
// to the type its reader hopes for, which the schema does not guarantee.
const CAST = /(config|webhook|settings|Config)[A-Za-z.]*\[['"][^'"]+['"]\]\)?\s+as\s/;

// The loader: where validated values become typed settings objects, once.
const LOADER = new Set(['config/config-loader.ts', 'config/mapping-settings.ts', 'config/merge-schema-fragments.ts', 'core/config/setting.ts', 'core/config/settings-section.ts']);

function sources(folder: string): string[] {
  return readdirSync(repoPath(folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every cast of a configuration value in `files`, as `file:line: text`. */
export function configCasts(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(repoPath(file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (CAST.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('configuration reads', () => {
  describe('when the code outside the loader reads a setting', () => {
    it("should take it from its section's settings object, never cast a raw value", () => {
      const files = ['core', 'plugins', 'server', 'config', 'bench'].flatMap(sources).filter((file) => !LOADER.has(file));
      expect(configCasts(files), "declare the key in its section (defineSettings) and inject the section's settings token").to.deep.equal([]);
    });
  });

  describe('when a file casts a configuration value', () => {
    it('should be found', () => {
      expect(configCasts(['test/config/settings-casts.test.ts']).length).to.be.above(0);
    });
  });
});
