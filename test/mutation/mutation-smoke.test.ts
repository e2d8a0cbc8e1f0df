import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { repoPath } from '../support/repo-path.js';

// The mutation-testing setup (stryker.config.json, mocha-12-test-runner.ts) on one small file, so it
// cannot rot between full runs: StrykerJS mutates the TypeScript, tsc builds the mutants in a sandbox,
// mocha 12 runs the compiled spec against each. The full run is `npm run test:mutation`.
const MUTATED = 'core/naming/secret-volume-name.ts';
const SPEC = 'test/core/naming/secret-volume-name.test.ts';

interface Row {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly errors: number;
}

function runStryker(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [repoPath('node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', '--mutate', MUTATED, '--testFiles', SPEC, '--reporters', 'clear-text', '--tempDirName', '.stryker-tmp/smoke'],
      { cwd: repoPath(''), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The clear-text reporter's row for the file: `name | score | covered | killed | timeout | survived | no cov | errors |`. */
function rowOf(output: string, file: string): Row | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const line = output.split('\n').find((candidate) => candidate.trim().startsWith(`${name} `));
  if (line === undefined) return undefined;
  const [killed, timeout, survived, noCoverage, errors] = line
    .split('|')
    .slice(3, 8)
    .map((cell) => Number(cell.trim()));
  return { killed: killed!, timeout: timeout!, survived: survived!, noCoverage: noCoverage!, errors: errors! };
}

describe('mutation testing (StrykerJS)', () => {
  describe(`when it mutates ${MUTATED} with its spec`, () => {
    it('should build every mutant with tsc, run it through mocha 12 and see the spec kill it', async function () {
      this.timeout(180_000);
      const { code, output } = await runStryker();
      expect(code, output).to.equal(0);
      const row = rowOf(output, MUTATED);
      expect(row, output).to.not.equal(undefined);
      expect(row!.killed, output).to.be.greaterThan(20);
      expect({ survived: row!.survived, noCoverage: row!.noCoverage, errors: row!.errors }, output).to.deep.equal({ survived: 0, noCoverage: 0, errors: 0 });
    });
  });
});
