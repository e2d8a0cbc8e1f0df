import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Mocha from 'mocha';
import { repoPath } from '../support/repo-path.js';
import { seededRandom } from '../support/seeded-random.js';
import { specFiles } from '../support/spec-files.js';

// The order check (docs/reliability.md): the whole suite once more, with the spec files, the suites in
// each file and the tests in each suite in an order drawn from a seed, so a test that leans on state an
// earlier test left behind fails. The seed is printed first and last; PODSECRETS_TEST_SEED=<seed>
// replays an order, and compiled spec files or folders given as arguments narrow the run to them.
// Hooks keep their place: a `before` still runs before its suite's first test.

const SEED_VARIABLE = 'PODSECRETS_TEST_SEED';

function readSeed(): number {
  const given = process.env[SEED_VARIABLE];
  if (given === undefined || given === '') return randomInt(2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`${SEED_VARIABLE} must be a non-negative integer, got ${JSON.stringify(given)}`);
  }
  return seed;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function shuffleSuite(suite: Mocha.Suite, random: () => number): void {
  shuffle(suite.tests, random);
  shuffle(suite.suites, random);
  for (const child of suite.suites) shuffleSuite(child, random);
}

const seed = readSeed();
const random = seededRandom(seed);
const settings = JSON.parse(readFileSync(repoPath('.mocharc.json'), 'utf8')) as { timeout: number };
console.log(`order check: ${SEED_VARIABLE}=${seed}`);

const mocha = new Mocha({ timeout: settings.timeout, reporter: 'dot' });
const roots = process.argv.length > 2 ? process.argv.slice(2).map((path) => resolve(path)) : [repoPath('dist/test')];
for (const file of shuffle(roots.flatMap(specFiles), random)) mocha.addFile(file);
await mocha.loadFilesAsync();
// Each file's top-level suites are children of the root suite, so this also mixes the files' suites.
shuffleSuite(mocha.suite, random);
mocha.run((failures) => {
  console.log(`order check: ${failures === 0 ? 'passed' : `${failures} failed`} with ${SEED_VARIABLE}=${seed}`);
  process.exitCode = failures === 0 ? 0 : 1;
});
