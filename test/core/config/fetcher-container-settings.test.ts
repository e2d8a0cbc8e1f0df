import { expect } from 'chai';
import { ConfigError } from '../../../config/config-error.js';
import type { FetcherContainerSettings } from '../../../core/index.js';
import { DEFAULT_FETCHER_RESOURCES } from '../../../core/config/fetcher-container-settings.js';
import { AwsSettings } from '../../../plugins/aws/aws-config.js';
import { AzureSettings } from '../../../plugins/azure/azure-config.js';
import { GcpSettings } from '../../../plugins/gcp/gcp-config.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { thrownMessage } from '../../support/thrown-message.js';

const SECTIONS = [
  ['awsSecretManager', 'docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4', AwsSettings],
  ['gcpSecretManager', 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine', GcpSettings],
  ['azureSecretManager', 'mcr.microsoft.com/azure-cli:cbl-mariner2.0', AzureSettings],
] as const;

const configError = (section: string, value: unknown): string => thrownMessage(() => createTestPodsecrets({ config: { webhook: { [section]: value } } }), ConfigError);

describe('fetcherContainerSchema', () => {
  for (const [section, image, token] of SECTIONS) {
    describe(`when used as webhook.${section}`, () => {
      it("should default to Flyte's image and resources", () => {
        const { container } = createTestPodsecrets();
        expect(container.get<FetcherContainerSettings>(token)).to.deep.equal({
          sidecarImage: image,
          resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
        });
      });

      it('should replace a default map with a configured one, as Flyte does', () => {
        const { container } = createTestPodsecrets({
          config: { webhook: { [section]: { sidecarImage: 'registry.example/fetch:1', resources: { limits: { cpu: 1, memory: '1Gi', 'nvidia.com/gpu': '0' } } } } },
        });
        expect(container.get<FetcherContainerSettings>(token)).to.deep.equal({
          sidecarImage: 'registry.example/fetch:1',
          resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '0' } },
        });
        const partial = createTestPodsecrets({ config: { webhook: { [section]: { resources: { requests: { cpu: '50m' } } } } } });
        expect(partial.container.get<FetcherContainerSettings>(token).resources).to.deep.equal({
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
      expect(createTestPodsecrets().container.get<FetcherContainerSettings>(AwsSettings).resources.requests).to.deep.equal({ cpu: '200m', memory: '500Mi' });
    });
  });
});
