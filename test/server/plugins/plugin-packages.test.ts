import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { MountRequirement } from '../../../core/index.js';
import { runCli } from '../../../server/cli/cli.js';
import { importPluginPackages } from '../../../server/plugins/plugin-packages.js';
import { FakeCliIo } from '../../support/fake-cli-io.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { repoPath } from '../../support/repo-path.js';

const EXAMPLE = repoPath('dist/test/example-plugin/example-module.js');
const FIXTURES = repoPath('dist/test/server/plugins/fixtures');
const POD = JSON.stringify(podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }] }));

describe('plugins:', () => {
  let dir: string;
  let configs = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-plugins-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `podsecrets <command> --config FILE` with `config` as FILE. */
  async function run(config: Record<string, unknown>, command = 'mutate'): Promise<{ code: number; io: FakeCliIo }> {
    const file = join(dir, `config-${String((configs += 1))}.yaml`);
    writeFileSync(file, stringify(config));
    const io = new FakeCliIo({ stdin: POD });
    return { code: await runCli([command, '--config', file, '-o', 'json'], io, {}), io };
  }

  describe('when it lists a plugin by a path relative to the configuration file', () => {
    it('should load its ContainerModule as an in-tree plugin: its type selectable, its keys configurable', async () => {
      const { code, io } = await run({ plugins: [relative(dir, EXAMPLE)], webhook: { secretManagerType: 'Example', exampleSecretManager: { image: 'registry.local/fetch:3' } } });
      expect(code, io.err).to.equal(0);
      const initContainers = (JSON.parse(io.out) as { spec: { initContainers: { name: string; image: string }[] } }).spec.initContainers;
      expect(initContainers.map((container) => [container.name, container.image])).to.deep.include(['example-fetch-secrets', 'registry.local/fetch:3']);
    });

    it('should list it among the installed backends', async () => {
      const { code, io } = await run({ plugins: [EXAMPLE] }, 'plugins');
      expect(code, io.err).to.equal(0);
      expect((JSON.parse(io.out) as { backends: { type: string }[] }).backends.map((backend) => backend.type)).to.include.members(['K8s', 'Example']);
    });
  });

  describe('when a plugin cannot be used', () => {
    const cases: { name: string; plugins: unknown; err: string }[] = [
      {
        name: 'a package that is not installed',
        plugins: ['podsecrets-no-such-plugin'],
        err: 'plugins: "podsecrets-no-such-plugin" cannot be loaded: not installed (install it beside podsecrets: npm install podsecrets-no-such-plugin)',
      },
      { name: 'a path with no module', plugins: ['./no-such-plugin.js'], err: 'plugins: "./no-such-plugin.js" cannot be loaded: no module at ' },
      {
        name: 'a module that exports no ContainerModule',
        plugins: [join(FIXTURES, 'no-module-plugin.js')],
        err: 'exports no inversify ContainerModule (accepted: a ContainerModule as the default export or as a named export)',
      },
      {
        name: 'a type that a shipped backend has',
        plugins: [join(FIXTURES, 'k8s-clash-plugin.js')],
        err: 'cannot be installed: its secret injector type "k8s" is already installed (a backend podsecrets ships)',
      },
      { name: 'a type that an earlier plugin has', plugins: [EXAMPLE, join(FIXTURES, 'second-example-plugin.js')], err: 'is already installed (by plugin' },
      { name: 'the same plugin twice', plugins: [EXAMPLE, EXAMPLE], err: 'is listed twice' },
      { name: 'a list that is no list of names', plugins: 'podsecrets-example-plugin', err: 'plugins: must be a list of package names or paths of plugin modules' },
    ];
    for (const testCase of cases) {
      it(`should refuse ${testCase.name} at start, with exit 2 naming the plugin and the reason`, async () => {
        const { code, io } = await run({ plugins: testCase.plugins });
        expect(io.err).to.include(testCase.err);
        expect(code).to.equal(2);
        expect(io.out, 'nothing written').to.equal('');
      });
    }
  });

  describe(importPluginPackages.name, () => {
    describe('when a module exports its ContainerModule both as default and by name', () => {
      it('should bind it once', async () => {
        const [plugin] = await importPluginPackages([join(FIXTURES, 'k8s-clash-plugin.js')], dir);
        expect(plugin?.modules).to.have.length(1);
      });
    });
  });
});
