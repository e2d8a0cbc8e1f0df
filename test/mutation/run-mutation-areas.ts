import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { repoPath } from '../support/repo-path.js';

// `npm run test:mutation`: StrykerJS over each area of stryker.config.json's `mutate`, one run per area
// with the specs of that area only. One run over everything took hours: a static mutant (one that acts
// while modules load) restarts the worker and runs every loaded spec, so each of the 228 of them ran the
// 571 tests of all areas. Per area it runs the few dozen that can notice it. With arguments
// (`npm run test:mutation -- --mutate F --testFiles S`), one StrykerJS run with exactly those.

interface Area {
  readonly mutate: string;
  /** Specs as --testFiles takes them: a file or `folder/**`. */
  readonly testFiles: readonly string[];
}

// flyte-base32 encodes the volume names, so the naming specs state some of its behaviour too.
const AREAS: readonly Area[] = [
  { mutate: 'core/wire/**/*.ts', testFiles: ['test/core/wire/**', 'test/core/naming/**'] },
  { mutate: 'core/admission/**/*.ts', testFiles: ['test/core/admission/**'] },
  { mutate: 'core/naming/**/*.ts', testFiles: ['test/core/naming/**'] },
  { mutate: 'plugins/k8s/**/*.ts', testFiles: ['test/plugins/k8s/**'] },
  { mutate: 'plugins/embedded/secret-value-cache.ts', testFiles: ['test/plugins/embedded/secret-value-cache.test.ts'] },
];

const STRYKER = repoPath('node_modules/@stryker-mutator/core/bin/stryker.js');
const REPORT = 'reports/mutation/mutation';

interface MutationReport {
  readonly files: Record<string, { readonly mutants: ReadonlyArray<{ readonly status: string }> }>;
}

function stryker(args: readonly string[]): number {
  return spawnSync(process.execPath, [STRYKER, 'run', ...args], { cwd: repoPath(''), stdio: 'inherit' }).status ?? 1;
}

/** Killed (a test failed or timed out) / (killed + survived + not covered), as StrykerJS counts it. */
function scoreRows(report: MutationReport): string[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (...statuses: string[]): number => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
    const killed = count('Killed', 'Timeout');
    const valid = killed + count('Survived', 'NoCoverage');
    return `${file.padEnd(48)} ${String(mutants.length).padStart(5)} ${(valid === 0 ? 'n/a' : `${((killed / valid) * 100).toFixed(2)}%`).padStart(8)}`;
  });
}

function main(args: readonly string[]): number {
  if (args.length > 0) return stryker(args);
  const configured = (JSON.parse(readFileSync(repoPath('stryker.config.json'), 'utf8')) as { mutate: string[] }).mutate;
  const covered = AREAS.map((area) => area.mutate);
  if (JSON.stringify([...configured].sort()) !== JSON.stringify([...covered].sort())) {
    throw new Error(`stryker.config.json's mutate (${configured.join(', ')}) and the areas of test/mutation/run-mutation-areas.ts (${covered.join(', ')}) differ: give each glob its specs`);
  }
  const rows: string[] = [];
  for (const [index, area] of AREAS.entries()) {
    console.log(`--- mutation area ${index + 1}/${AREAS.length}: ${area.mutate} with ${area.testFiles.join(', ')}`);
    const code = stryker(['--mutate', area.mutate, '--testFiles', area.testFiles.join(',')]);
    if (code !== 0) return code;
    // Each run writes the same report files: keep this area's beside them.
    const name = area.mutate
      .replace(/\/\*\*\/\*\.ts$/, '')
      .replace(/\.ts$/, '')
      .replaceAll('/', '-');
    for (const extension of ['json', 'html']) copyFileSync(repoPath(`${REPORT}.${extension}`), repoPath(`reports/mutation/${name}.${extension}`));
    rows.push(...scoreRows(JSON.parse(readFileSync(repoPath(`${REPORT}.json`), 'utf8')) as MutationReport));
  }
  console.log(`\n${'file'.padEnd(48)} ${'mutants'.padStart(5)} ${'score'.padStart(8)}\n${rows.join('\n')}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
