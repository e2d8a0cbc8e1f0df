import { expect } from 'chai';
import { MountRequirement, type SecretRequest } from '../../core/index.js';
import { admit, admitAndCheck } from '../support/admit.js';
import { FakeKubeApi } from '../support/fake-kube-api.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { embeddedPodsecrets, FILE, projectId, storeFlyteSecret, taskPod } from './embedded/embedded-fixtures.js';

const NO_CPU_LIMIT = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } };
const CLAIMS = { claims: [{ name: 'gpu' }] };
const POD_CLAIMS = { resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }] };

// The sidecar backends, each with a secret it can fetch and the resources key Flyte reads for it.
const SIDECARS: [string, string, Partial<SecretRequest>][] = [
  ['AWS', 'awsSecretManager', { group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', key: 'db-password-AbCdEf' }],
  ['GCP', 'gcpSecretManager', { group: 'db-password', groupVersion: '3', mountRequirement: MountRequirement.FILE }],
  ['Azure', 'azureSecretManager', { group: 'https://team.vault.azure.net/secrets/db-password' }],
];

function sidecarResources(pod: Record<string, unknown>): unknown {
  return ((pod['spec'] as { initContainers: { resources: unknown }[] }).initContainers[0] ?? {}).resources;
}

describe('fetching container resources', () => {
  for (const [type, section, secret] of SIDECARS) {
    describe(`when webhook.${section}.resources is Flyte's "no CPU limit" setting`, () => {
      it(`should give the ${type} fetcher exactly those maps, as Flyte would`, async () => {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: type, [section]: { resources: NO_CPU_LIMIT } } } });
        expect(sidecarResources(await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [secret] })))).to.deep.equal(NO_CPU_LIMIT);
      });
    });

    describe(`when webhook.${section}.resources has claims`, () => {
      it(`should give the ${type} fetcher the claims of a pod that declares them, and deny one that does not`, async () => {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: type, [section]: { resources: CLAIMS } } } });
        const pod = await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [secret], spec: POD_CLAIMS }));
        expect(sidecarResources(pod)).to.deep.equal({ requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' }, claims: [{ name: 'gpu' }] });
        const denied = await admit(podsecrets.handler, podWithSecrets({ secrets: [secret] }));
        expect(denied.response.allowed).to.equal(false);
        expect(denied.response.status?.message).to.include('name "gpu", which this pod does not declare in spec.resourceClaims');
      });
    });
  }

  describe('when embeddedSecretManagerConfig.fileMountInitContainer.resources gives a partial requests map', () => {
    let kube: FakeKubeApi;
    beforeEach(async () => {
      kube = await new FakeKubeApi().start();
    });
    afterEach(() => kube.stop());

    it('should give the file writer that map alone and keep the default limits, as Flyte would', async () => {
      storeFlyteSecret(kube, projectId('tok'), 'v');
      const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText', fileMountInitContainer: { resources: { requests: { cpu: '50m' } } } });
      const pod = await admitAndCheck(handler, taskPod([{ key: 'tok', mountRequirement: FILE }]));
      expect(sidecarResources(pod)).to.deep.equal({ requests: { cpu: '50m' }, limits: { cpu: '100m', memory: '100Mi' } });
    });
  });
});
