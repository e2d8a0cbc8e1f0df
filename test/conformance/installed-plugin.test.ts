import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { MountRequirement } from '../../core/index.js';
import { installPackedPlugin } from '../support/packed-install.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { repoPath } from '../support/repo-path.js';

const run = promisify(execFile);

// What the plugin's own test file looks like: podsecrets' conformance suite, from the package, over the
// modules that the configuration's `plugins:` names, loaded as podsecrets loads them.
const PLUGIN_SIDE_TEST = `import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { importPluginPackages } from 'podsecrets';
import { describePluginConformance } from 'podsecrets/conformance';

const { plugins } = parse(readFileSync(new URL('./config.yaml', import.meta.url), 'utf8'));
const loaded = await importPluginPackages(plugins, process.cwd());
describePluginConformance({ type: 'Example', plugins: loaded.flatMap((plugin) => plugin.modules) });
`;

interface MochaReport {
  readonly stats: { readonly passes: number; readonly failures: number };
  readonly tests: readonly { readonly fullTitle: string }[];
  readonly failures: readonly { readonly fullTitle: string; readonly err: { readonly message?: string } }[];
}

describe('podsecrets-example-plugin, packed and installed beside the packed podsecrets', function () {
  // Packing and installing with npm: minutes on a busy machine the first time (a hook's limit, not a figure).
  this.timeout(600_000);
  let dir: string;

  before(async () => {
    dir = await installPackedPlugin();
    writeFileSync(join(dir, 'config.yaml'), 'plugins: [podsecrets-example-plugin]\nwebhook:\n  secretManagerType: Example\n');
    writeFileSync(join(dir, 'pod.json'), JSON.stringify(podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }] })));
    writeFileSync(join(dir, 'example-conformance.test.js'), PLUGIN_SIDE_TEST);
  });

  describe('when the installed podsecrets command is given a configuration listing it under plugins:', () => {
    it('should mutate a pod with the plugin as the selected backend', async () => {
      const { stdout } = await run(process.execPath, ['node_modules/.bin/podsecrets', 'mutate', '--config', 'config.yaml', '-f', 'pod.json', '-o', 'json'], { cwd: dir });
      const spec = (JSON.parse(stdout) as { spec: { initContainers?: { name: string }[] } }).spec;
      expect((spec.initContainers ?? []).map((container) => container.name)).to.include('example-fetch-secrets');
    });
  });

  describe("when the plugin's own tests run podsecrets/conformance against it", () => {
    it('should pass every conformance check the built-in backends pass', async () => {
      const mocha = repoPath('node_modules/mocha/bin/mocha.js');
      const result = await run(process.execPath, [mocha, '--no-config', '--reporter', 'json', '--timeout', '60000', 'example-conformance.test.js'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
      let report: MochaReport;
      try {
        report = JSON.parse(result.stdout) as MochaReport;
      } catch {
        return expect.fail(`mocha printed no report: ${result.stderr.slice(0, 2000)}`);
      }
      expect(report.failures.map((failure) => `${failure.fullTitle}: ${failure.err.message ?? ''}`)).to.deep.equal([]);
      expect(report.stats.passes, 'conformance checks run').to.be.greaterThan(10);
      expect(
        report.tests.every((test) => test.fullTitle.startsWith('SecretInjector conformance: Example')),
        'every check is of the plugin',
      ).to.equal(true);
    });
  });
});
