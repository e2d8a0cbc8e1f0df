import { expect } from 'chai';
import { ConfigError } from '../../../config/config-error.js';
import { DEFAULT_FETCHER_RESOURCES, readFetcherContainerSettings } from '../../../core/index.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const SECTIONS = [
  ['awsSecretManager', 'docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4'],
  ['gcpSecretManager', 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine'],
  ['azureSecretManager', 'mcr.microsoft.com/azure-cli:cbl-mariner2.0'],
] as const;

function configError(section: string, value: unknown): string {
  try {
    createTestPodsecrets({ config: { webhook: { [section]: value } } });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  expect.fail('the configuration was accepted');
}

describe('fetcherContainerSchema', () => {
  for (const [section, image] of SECTIONS) {
    describe(`when used as webhook.${section}`, () => {
      it("should default to Flyte's image and resources", () => {
        const { config } = createTestPodsecrets();
        expect(readFetcherContainerSettings(config.webhook[section])).to.deep.equal({
          image,
          resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
        });
      });

      it('should replace a default map with a configured one, as Flyte does', () => {
        const { config } = createTestPodsecrets({
          config: { webhook: { [section]: { sidecarImage: 'registry.example/fetch:1', resources: { limits: { cpu: 1, memory: '1Gi', 'nvidia.com/gpu': '0' } } } } },
        });
        expect(readFetcherContainerSettings(config.webhook[section])).to.deep.equal({
          image: 'registry.example/fetch:1',
          resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '0' } },
        });
        const partial = createTestPodsecrets({ config: { webhook: { [section]: { resources: { requests: { cpu: '50m' } } } } } });
        expect(readFetcherContainerSettings(partial.config.webhook[section]).resources).to.deep.equal({
          requests: { cpu: '50m' },
          limits: { cpu: '200m', memory: '500Mi' },
        });
      });

      it('should refuse bad resources at start, naming the key and what is accepted', () => {
        const key = `webhook.${section}.resources`;
        expect(configError(section, { resources: 'big' })).to.include(`${key}: must be a mapping`);
        expect(configError(section, { resources: { limit: {} } })).to.include(`${key}: unknown field "limit" (accepted: requests, limits, claims)`);
        expect(configError(section, { resources: { requests: { cpu: '1.5 cores' } } })).to.include(`${key}: requests.cpu: "1.5 cores" is not a quantity`);
        expect(configError(section, { resources: { requests: { cpu: -1 } } })).to.include(`${key}: requests.cpu: -1 is not a quantity`);
        expect(configError(section, { resources: { limits: { 'bad name!': '1' } } })).to.include(`${key}: limits: "bad name!" is not a resource name`);
        expect(configError(section, { resources: { limits: { cpu: '100m' } } })).to.include(`${key}: requests.cpu (200m) is above limits.cpu (100m)`);
      });

      it('should refuse an empty image or an unknown key, naming the key', () => {
        expect(configError(section, { sidecarImage: '' })).to.include(`webhook.${section}.sidecarImage: must be a container image reference`);
        expect(configError(section, { image: 'x' })).to.include(`configuration param 'webhook.${section}.image' not declared in the schema`);
      });
    });
  }

  describe('when several configurations use it', () => {
    it('should not let one configuration change the shared defaults', () => {
      createTestPodsecrets({ config: { webhook: { awsSecretManager: { resources: { requests: { cpu: '100m' } } } } } });
      expect(DEFAULT_FETCHER_RESOURCES.requests).to.deep.equal({ cpu: '200m', memory: '500Mi' });
      expect(readFetcherContainerSettings(createTestPodsecrets().config.webhook['awsSecretManager']).resources.requests).to.deep.equal({ cpu: '200m', memory: '500Mi' });
    });
  });
});
