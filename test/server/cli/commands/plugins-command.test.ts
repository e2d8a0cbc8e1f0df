import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution } from '../../../../core/config/config-schema-contribution.js';
import { globalModule } from '../../../../plugins/global/global-module.js';
import { k8sModule } from '../../../../plugins/k8s/k8s-module.js';
import { runCli } from '../../../../server/cli/cli.js';
import { runPlugins } from '../../../../server/cli/commands/plugins-command.js';
import type { PluginCatalog } from '../../../../server/cli/plugin-catalog.js';
import { pluginModules } from '../../../../server/wiring/plugin-modules.js';
import { exampleModule } from '../../../example-plugin/example-module.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { createTestPodsecrets } from '../../../support/test-podsecrets.js';

function catalogOf(options: Parameters<typeof createTestPodsecrets>[0]): PluginCatalog {
  const io = new FakeCliIo();
  expect(runPlugins(createTestPodsecrets(options), 'json', io)).to.equal(0);
  return JSON.parse(io.out) as PluginCatalog;
}

describe('podsecrets plugins', () => {
  describe('when run with the shipped plugins and no configuration', () => {
    it('should list every registered backend, in load order, as JSON', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['plugins', '-o', 'json'], io, {})).to.equal(0);
      const catalog = JSON.parse(io.out) as PluginCatalog;
      expect(catalog.backends.map((backend) => backend.type)).to.deep.equal(createTestPodsecrets().registry.types());
      expect(catalog.otherContributions).to.deep.equal([]);
    });

    it('should list the limits on one pod as core keys, with their defaults', () => {
      const catalog = catalogOf({});
      expect(catalog.core.map((key) => [key.key, key.default, key.format])).to.deep.equal([
        ['webhook.maxSecretsPerPod', 64, 'positive-count'],
        ['webhook.maxInjectedEntries', 4096, 'positive-count'],
      ]);
    });

    it('should print the Global and K8s backends, enabled in order, with their keys and defaults', () => {
      const io = new FakeCliIo();
      runPlugins(createTestPodsecrets({ modules: [globalModule, k8sModule] }), 'text', io);
      expect(io.out).to.equal(
        [
          '2 secret backends installed; webhook.secretManagerType(s) selects them (any case).',
          '',
          'Global  (enabled, tried 1st)',
          '  secrets.secrets-prefix     default "/etc/secrets"  (string)',
          '                             Directory of the webhook pod where the Global injector reads <group>/<key> files.',
          '  secrets.env-prefix         default "FLYTE_SECRET_"  (envvarprefix)',
          "                             Prefix of the webhook process's environment variables that the Global injector reads (<prefix><GROUP>_<KEY>); not empty.",
          '  secrets.type               default "local"  (secrets-type)',
          "                             local (or any other text, as in Flyte, which reads the key nowhere): the Global injector reads the webhook's environment and files; none (any case): Global is off.",
          '  secrets.allowedNamespaces  default []  (namespace-list)',
          '                             Namespaces whose pods may receive Global values (podsecrets only); empty: every namespace, as Flyte.',
          '',
          'K8s  (enabled, tried 2nd)',
          '  no configuration keys',
          '',
          'core  (every admission, whichever backend answers)',
          '  webhook.maxSecretsPerPod    default 64  (positive-count)',
          '                              Most secret requests (annotations) one pod may make; a pod asking for more is denied at once, so that one pod cannot hold a replica for seconds.',
          '  webhook.maxInjectedEntries  default 4096  (positive-count)',
          '                              Most secrets x containers (init containers included) one pod may ask for; beyond, it is denied at once (each secret is written into every container).',
          '',
        ].join('\n'),
      );
    });
  });

  describe('when a plugin that is not shipped is loaded', () => {
    it('should list its keys under its type, from the contribution it owns', () => {
      const catalog = catalogOf({ modules: [...pluginModules, exampleModule], config: { webhook: { secretManagerType: 'example' } } });
      const example = catalog.backends.find((backend) => backend.type === 'Example');
      expect(example).to.deep.equal({
        type: 'Example',
        tried: 2,
        keys: [
          { key: 'webhook.exampleSecretManager.image', default: 'busybox:1.36', format: 'string', doc: 'Image of the init container that downloads the secrets (needs sh and wget).' },
          { key: 'webhook.exampleSecretManager.baseUrl', default: 'http://secrets.example.internal', format: 'string', doc: 'Where the init container downloads <group>/<key> from.' },
        ],
      });
      expect(catalog.backends.find((backend) => backend.type === 'K8s')?.tried).to.equal(null);
    });
  });

  describe('when a contribution is owned by no installed backend', () => {
    it('should list it apart, under its owner', () => {
      const stray = new ContainerModule(({ bind }) => {
        bind(ConfigSchemaContribution).toConstantValue({
          owner: 'Telemetry',
          schema: { telemetry: { endpoint: { doc: 'Where to send spans.', format: String, default: '' }, ratio: { format: Number, default: 0.5 } } },
        });
      });
      const catalog = catalogOf({ modules: [globalModule, k8sModule, stray] });
      expect(catalog.otherContributions).to.deep.equal([
        {
          owner: 'Telemetry',
          keys: [
            { key: 'telemetry.endpoint', default: '', format: 'string', doc: 'Where to send spans.' },
            { key: 'telemetry.ratio', default: 0.5, format: 'number', doc: '' },
          ],
        },
      ]);
    });
  });

  describe('when given a configuration file', () => {
    it('should say which backends it enables and in which order', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podsecrets-plugins-'));
      try {
        const file = join(dir, 'config.yaml');
        writeFileSync(file, 'webhook:\n  secretManagerTypes: [k8s]\n');
        const io = new FakeCliIo();
        expect(await runCli(['plugins', '--config', file, '-o', 'yaml'], io, {})).to.equal(0);
        expect(io.out).to.match(/- type: Global\n {4}tried: 1\n/);
        expect(io.out).to.match(/- type: K8s\n {4}tried: 2\n {4}keys: \[\]\n/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('when the options are wrong', () => {
    it('should exit 2 naming the accepted formats', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['plugins', '-o', 'xml'], io, {})).to.equal(2);
      expect(io.err).to.equal('podsecrets plugins: -o xml: expected text, yaml or json\n');
    });
  });

  describe('when the configuration sets neither secretManagerType nor secretManagerTypes', () => {
    it("should say on stderr, in one line, that K8s is used and that Flyte 2's default is Embedded", () => {
      const io = new FakeCliIo();
      runPlugins(createTestPodsecrets(), 'json', io);
      expect(io.err).to.equal(
        'webhook.secretManagerType(s) not set: using K8s (Kubernetes Secrets); Flyte 2 defaults to Embedded, set secretManagerTypes: [Embedded] for that (docs/flyte-compatibility.md)\n',
      );
      expect(() => JSON.parse(io.out) as unknown).to.not.throw();
    });

    it('should say nothing when either key is written, in any case', () => {
      for (const webhook of [{ secretManagerType: 'K8s' }, { secretManagerTypes: ['K8s'] }, { SecretManagerType: 'k8s' }]) {
        const io = new FakeCliIo();
        runPlugins(createTestPodsecrets({ config: { webhook } }), 'text', io);
        expect(io.err, JSON.stringify(webhook)).to.equal('');
      }
    });
  });
});
