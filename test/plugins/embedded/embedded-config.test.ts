import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ContainerModule, injectable } from 'inversify';
import { SecretFetcher } from '../../../core/fetcher/secret-fetcher.js';
import { DuplicateInjectorError } from '../../../core/keyed-registry.js';
import { EmbeddedSettings } from '../../../plugins/embedded/embedded-config.js';
import { NamespaceMappingSettings } from '../../../plugins/embedded/namespace-mapping-config.js';
import { K8sFetcherSettings } from '../../../plugins/k8s/k8s-fetcher-config.js';
import { createPodsecrets } from '../../../server/wiring/create-podsecrets.js';
import { pluginModules } from '../../../server/wiring/plugin-modules.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { thrownMessage } from '../../support/thrown-message.js';

// Every key of Flyte v2's embeddedSecretManagerConfig (spec section 2.2), as an operator's Flyte config has them.
const FLYTE_CONFIG = `
webhook:
  secretManagerTypes: [Embedded]
  embeddedSecretManagerConfig:
    type: K8s
    awsConfig: { region: us-east-2 }
    gcpConfig: { project: my-project }
    azureConfig: { vaultURI: "https://myvault.vault.azure.net/" }
    k8sConfig:
      namespace: flyte-system
      kubeClientConfig: { qps: 50, burst: 10, timeout: 15s }
    fileMountInitContainer:
      image: busybox:1.37
      containerName: write-secrets
      resources: { requests: { cpu: 50m, memory: 32Mi }, limits: { cpu: 50m, memory: 32Mi } }
    imagePullSecrets: { enabled: true }
`;

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-config-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('embeddedSecretManagerConfig', () => {
  describe("when given Flyte's keys", () => {
    it('should accept them all and read podsecrets defaults for its own', () => {
      const { container, mutator } = createPodsecrets({ configFile: configFile(FLYTE_CONFIG), logger: new RecordingLogger() });
      expect(mutator.chain).to.deep.equal(['Global', 'Embedded']);
      const embedded = container.get<EmbeddedSettings>(EmbeddedSettings);
      expect(embedded.fileMountInitContainer).to.deep.equal({
        image: 'busybox:1.37',
        containerName: 'write-secrets',
        resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
      });
      expect(embedded.valueDelivery).to.equal('secretRef');
      expect(embedded.organization).to.equal('flyte');
      expect(container.get<NamespaceMappingSettings>(NamespaceMappingSettings).template).to.equal('{{ project }}-{{ domain }}');
      expect(embedded.fetchTimeout).to.equal(3000);
      expect(embedded.cache).to.deep.equal({ ttl: 300_000, notFoundTtl: 10_000, maxEntries: 10_000, maxBytes: 16 * 1024 * 1024, serveStaleOnError: false, maxStale: 3_600_000 });
      expect(container.get<K8sFetcherSettings>(K8sFetcherSettings).namespace).to.equal('flyte-system');
    });
  });

  describe('when a key is misspelt', () => {
    it('should refuse to start naming it', () => {
      expect(() => createPodsecrets({ configFile: configFile('webhook:\n  embeddedSecretManagerConfig:\n    k8sConfig: { namespce: x }\n'), logger: new RecordingLogger() })).to.throw(
        /webhook\.embeddedSecretManagerConfig\.k8sConfig\.namespce/,
      );
    });
  });

  describe('when the fetcher type is not installed', () => {
    it('should refuse to start naming the installed types', () => {
      expect(() => createPodsecrets({ configFile: configFile('webhook:\n  secretManagerType: Embedded\n  embeddedSecretManagerConfig:\n    type: Keeper\n'), logger: new RecordingLogger() })).to.throw(
        'webhook.embeddedSecretManagerConfig.type: unknown secret fetcher "Keeper"; installed: K8s, AWS, Vault, GCP, Azure (any case)',
      );
    });
  });

  describe('when two fetchers claim one type, in any case', () => {
    it('should refuse to start naming the type and both classes, as two injectors are refused', () => {
      @injectable()
      class ShadowK8sFetcher implements SecretFetcher {
        readonly type = 'k8s';
        fetch(): Promise<Uint8Array> {
          return Promise.resolve(new Uint8Array());
        }
      }
      const shadowModule = new ContainerModule(({ bind }) => {
        bind(ShadowK8sFetcher).toSelf().inSingletonScope();
        bind(SecretFetcher).toService(ShadowK8sFetcher);
      });
      const start = () => createTestPodsecrets({ modules: [...pluginModules, shadowModule], config: { webhook: { secretManagerType: 'Embedded' } } });
      expect(thrownMessage(start, DuplicateInjectorError)).to.equal('two secret fetchers claim the type "k8s": K8sSecretFetcher and ShadowK8sFetcher; each type must be provided by one plugin');
    });
  });

  describe('when namespace_mapping.template has a placeholder flyteadmin does not know', () => {
    it('should refuse to start naming the key', () => {
      expect(() => createPodsecrets({ configFile: configFile('namespace_mapping:\n  template: "{{ team }}-{{ domain }}"\n'), logger: new RecordingLogger() })).to.throw(
        /namespace_mapping\.template: must be a namespace name with the placeholders \{\{ project \}\}, \{\{ domain \}\} and \{\{ org \}\}/,
      );
    });
  });

  describe('when the organization could make an id ambiguous', () => {
    for (const organization of ['a__b', '-x', 'with space']) {
      it(`should refuse ${JSON.stringify(organization)} naming the key`, () => {
        expect(() => createPodsecrets({ configFile: configFile(`webhook:\n  embeddedSecretManagerConfig:\n    organization: "${organization}"\n`), logger: new RecordingLogger() })).to.throw(
          /webhook\.embeddedSecretManagerConfig\.organization: must be empty or a label value .* without '__'/,
        );
      });
    }
  });
});
