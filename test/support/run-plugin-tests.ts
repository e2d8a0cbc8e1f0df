import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import 'reflect-metadata';
import { repoPath } from './repo-path.js';
import { TEST_BACKEND_ENV } from './selected-backends.js';
import { createTestPodsecrets } from './test-podsecrets.js';

// `npm run test:plugin -- <Type>`: one backend's conformance, reliability and unit tests, without the rest
// of the suite. mocha runs without .mocharc.json, whose spec glob would add every other test file.

const SHARED_SPECS = ['dist/test/conformance/registered-injectors.test.js', 'dist/test/reliability/admission-properties.test.js', 'dist/test/reliability/secret-leaks.test.js'];

const [type, ...rest] = process.argv.slice(2);
const installed = createTestPodsecrets().registry.types();
const backend = installed.find((candidate) => candidate.toLowerCase() === (type ?? '').toLowerCase());
if (backend === undefined || rest.length > 0) {
  process.stderr.write(`usage: npm run test:plugin -- <Type>; installed types: ${installed.join(', ')}${type === undefined ? '' : ` (got "${[type, ...rest].join(' ')}")`}\n`);
  process.exit(2);
}
const unitDir = `dist/test/plugins/${backend.toLowerCase()}`;
const unitSpecs = existsSync(repoPath(unitDir))
  ? readdirSync(repoPath(unitDir))
      .filter((file) => file.endsWith('.test.js'))
      .map((file) => `${unitDir}/${file}`)
  : [];
const mocha = spawnSync(
  process.execPath,
  [repoPath('node_modules/mocha/bin/mocha.js'), '--no-config', '--require', 'reflect-metadata', '--enable-source-maps', '--timeout', '20000', ...SHARED_SPECS, ...unitSpecs],
  { cwd: repoPath('.'), stdio: 'inherit', env: { ...process.env, [TEST_BACKEND_ENV]: backend } },
);
process.exit(mocha.status ?? 1);
