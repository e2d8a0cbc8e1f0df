import { expect } from 'chai';
import { admitAndCheck } from '../../support/admit.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { kubeletExpand } from '../../support/kubelet-expansion.js';
import { ANY, embeddedPodsecrets, ENV, envOf, FILE, projectId, storeFlyteSecret, taskPod } from './embedded-fixtures.js';

// What the kubelet would substitute if podsecrets left a reference for it to expand.
const KUBELET_ENV = { HOME: '/root', PATH: '/usr/bin', _UNION_: 'prefix-var' };
const VALUE = 'a$(HOME)b$$c$(PATH)d$';

/** What the container sees in env var `name`: the kubelet's expansion of the value podsecrets wrote. */
function received(pod: Record<string, unknown>, name: string): string | undefined {
  const entry = (envOf(pod) as { name: string; value?: string }[]).find((candidate) => candidate.name === name);
  return entry?.value === undefined ? undefined : kubeletExpand(entry.value, KUBELET_ENV);
}

describe('EmbeddedSecretInjector plain-text values', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });

  afterEach(() => kube.stop());

  describe('when an env value holds $(NAME) and $$ (valueDelivery: plainText)', () => {
    for (const [name, request] of [
      ['ENV_VAR', { mountRequirement: ENV }],
      ['ANY with an envVar', { mountRequirement: ANY, envVar: 'TOKEN' }],
    ] as const) {
      it(`should reach the container byte for byte (${name})`, async () => {
        storeFlyteSecret(kube, projectId('token'), VALUE);
        const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText' });
        const pod = await admitAndCheck(handler, taskPod([{ key: 'token', ...request }]));
        expect(received(pod, 'envVar' in request ? request.envVar : '_UNION_TOKEN')).to.equal(VALUE);
        expect(received(pod, 'FLYTE_SECRETS_ENV_PREFIX')).to.equal('_UNION_');
      });
    }
  });

  describe('when a FILE key holds $(NAME)', () => {
    for (const delivery of ['plainText', 'secretRef']) {
      it(`should give envVar the file's path byte for byte, and the writer the same path (${delivery})`, async () => {
        storeFlyteSecret(kube, projectId('conf$(HOME)$$x'), 'file-value');
        const { handler } = embeddedPodsecrets(kube, { valueDelivery: delivery });
        const pod = await admitAndCheck(handler, taskPod([{ key: 'conf$(HOME)$$x', mountRequirement: FILE, envVar: 'CONF' }]));
        expect(received(pod, 'CONF')).to.equal('/etc/flyte/secrets/conf$(HOME)$$x');
        const writer = (pod['spec'] as { initContainers?: { args: string[] }[] }).initContainers?.[0];
        if (delivery === 'plainText') {
          expect(writer?.args.map((arg) => kubeletExpand(arg, KUBELET_ENV))).to.deep.equal([Buffer.from('file-value').toString('base64'), '/etc/flyte/secrets/conf$(HOME)$$x']);
        }
      });
    }
  });
});
