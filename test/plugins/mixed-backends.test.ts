import { expect } from 'chai';
import { admit, admitAndCheck } from '../support/admit.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { MountRequirement } from '../../core/index.js';

const FILE = MountRequirement.FILE;
// K8s takes the first (it has a key); K8s refuses the second (no key), so GCP fetches it.
const K8S_SECRET = { group: 'grp', key: 'k', mountRequirement: FILE };
const GCP_SECRET = { group: 'grp', groupVersion: 'latest', mountRequirement: FILE };

describe('secretManagerTypes [K8s, GCP]', () => {
  const { handler } = createTestPodsecrets({ config: { webhook: { secretManagerTypes: ['K8s', 'GCP'] } } });

  describe('when a K8s secret volume would be mounted over the file a GCP fetcher writes', () => {
    for (const [order, secrets] of [
      ['K8s first', [K8S_SECRET, GCP_SECRET]],
      ['GCP first', [GCP_SECRET, K8S_SECRET]],
    ] as const) {
      it(`should deny the pod with a MountConflict naming the file and the volume (${order})`, async () => {
        const { response } = await admit(handler, podWithSecrets({ secrets: [...secrets] }));
        expect(response.allowed).to.equal(false);
        expect(response.status?.message).to.match(
          /\[MountConflict\] init container "gcp-pull-secret-[0-9a-f]{12}" writes \/etc\/flyte\/secrets\/grp\/latest, but volume "[a-z0-9]+" is mounted at \/etc\/flyte\/secrets\/grp over it/,
        );
      });
    }
  });

  describe('when the groups do not overlap', () => {
    it('should admit both, the fetcher writing beside the mounted Secret', async () => {
      await admitAndCheck(handler, podWithSecrets({ secrets: [{ ...K8S_SECRET, group: 'other' }, GCP_SECRET] }));
    });
  });
});
