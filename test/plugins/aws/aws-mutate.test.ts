import { expect } from 'chai';
import { expectCliExit, expectCliMutation } from '../../support/cli-mutate.js';
import { envValue, initContainerNames } from '../../support/backend-checks.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const CONFIG = `webhook:
  secretManagerTypes: [AWS]
  awsSecretManager:
    sidecarImage: registry.example/aws-sidecar:1
    resources:
      limits: {cpu: 1}
`;
const PREFIX = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';

describe('podsecrets mutate', () => {
  describe('when the config selects AWS', () => {
    it('should add the fetchers before the pod’s init containers, stable on a second pass', async () => {
      const request = podWithSecrets({
        secrets: [
          { group: PREFIX, key: 'one-AbCdEf' },
          { group: PREFIX, key: 'two-AbCdEf', envVar: 'TWO' },
        ],
        initContainers: [{ name: 'setup', image: 'busybox' }],
      });
      const pod = await expectCliMutation(CONFIG, request);
      const names = initContainerNames(pod);
      expect(names).to.have.length(3);
      expect(names[2]).to.equal('setup');
      const fetcher = (pod['spec'] as { initContainers: Record<string, unknown>[] }).initContainers[0]!;
      expect(fetcher['image']).to.equal('registry.example/aws-sidecar:1');
      expect(fetcher['resources']).to.deep.equal({ requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '1' } });
      expect(envValue((pod['spec'] as { containers: Record<string, unknown>[] }).containers[0]!, 'TWO')).to.equal(`/etc/flyte/secrets/${PREFIX}/two-abcdef`);
    });
  });

  describe('when an AWS request is not an ARN', () => {
    it('should exit 1 and say what is accepted', async () => {
      await expectCliExit(CONFIG, podWithSecrets({ secrets: [{ group: 'team', key: 'token' }] }), 1, 'AWS: [InvalidRequest] "team:token" (group ":" key) is not a Secrets Manager secret ARN');
    });
  });

  describe('when awsSecretManager.resources are bad', () => {
    it('should exit 2 naming the key', async () => {
      await expectCliExit(
        'webhook:\n  secretManagerType: AWS\n  awsSecretManager:\n    resources:\n      requests: {memory: lots}\n',
        podWithSecrets(),
        2,
        'webhook.awsSecretManager.resources: requests.memory: "lots" is not a quantity',
      );
    });
  });
});
