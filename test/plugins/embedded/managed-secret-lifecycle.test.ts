import { expect } from 'chai';
import type { Pod } from '../../../core/index.js';
import { imagePullSecretName } from '../../../plugins/embedded/image-pull-secret-name.js';
import { podSecretName } from '../../../plugins/embedded/pod-secret-writer.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { domainId, embeddedPodsecrets, ENV, FILE, projectId, storeFlyteSecret, TASK_NAMESPACE, taskPod } from './embedded-fixtures.js';

const MANAGED = { 'app.kubernetes.io/managed-by': 'podsecrets' };
const JOB_A = { apiVersion: 'batch/v1', kind: 'Job', name: 'train-a', uid: '6f1c0d2e-0000-4000-8000-00000000000a' };
const JOB_B = { apiVersion: 'flyte.lyft.com/v1alpha1', kind: 'FlyteWorkflow', name: 'wf-b', uid: '6f1c0d2e-0000-4000-8000-00000000000b' };

/** A task pod owned by `controller` (as its controller, blocking its deletion, beside an owner that is not a controller). */
function ownedPod(secrets: Parameters<typeof taskPod>[0], controller?: typeof JOB_A): Pod {
  const pod = taskPod(secrets);
  if (controller !== undefined) {
    (pod.metadata as Record<string, unknown>)['ownerReferences'] = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'not-the-controller', uid: 'c0ffee00-0000-4000-8000-000000000000' },
      { ...controller, controller: true, blockOwnerDeletion: true },
    ];
  }
  return pod;
}

describe('EmbeddedSecretInjector managed Secrets', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });

  afterEach(() => kube.stop());

  describe('when the second of two secrets is not found', () => {
    for (const mountRequirement of [ENV, FILE]) {
      it(`should deny and leave no Secret behind (mount ${mountRequirement})`, async () => {
        storeFlyteSecret(kube, projectId('first'), 'first-value');
        const { handler } = embeddedPodsecrets(kube);
        const { response } = await admit(
          handler,
          taskPod([
            { key: 'first', mountRequirement },
            { key: 'second', mountRequirement },
          ]),
        );
        expect(response.allowed).to.equal(false);
        expect(response.status?.message).to.include('SecretNotFoundAcrossAllScopes');
        expect(kube.writes()).to.deep.equal([]);
        expect(kube.get('secrets', podSecretName(projectId('first')), TASK_NAMESPACE)).to.equal(undefined);
      });
    }
  });

  describe('when the pod has a controller', () => {
    it('should make the controller an owner of the Secret, without controller or blockOwnerDeletion', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      await admitAndCheck(embeddedPodsecrets(kube).handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_A));
      const written = kube.get('secrets', podSecretName(projectId('k')), TASK_NAMESPACE);
      expect(written?.metadata['ownerReferences']).to.deep.equal([JOB_A]);
      expect(written?.metadata.labels).to.deep.equal(MANAGED);
    });

    it("should add another controller's pod to the owners once, and write nothing for an owner already there", async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const { handler } = embeddedPodsecrets(kube);
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_A));
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_B));
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_A));
      expect(kube.get('secrets', podSecretName(projectId('k')), TASK_NAMESPACE)?.metadata['ownerReferences']).to.deep.equal([JOB_A, JOB_B]);
      expect(kube.writes()).to.deep.equal([`POST /api/v1/namespaces/${TASK_NAMESPACE}/secrets`, `PUT /api/v1/namespaces/${TASK_NAMESPACE}/secrets/${podSecretName(projectId('k'))}`]);
    });
  });

  describe('when a pod without a controller uses a Secret that owned pods use', () => {
    it('should take the owners off, so the garbage collector never removes it under that pod, and not add them back', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const { handler } = embeddedPodsecrets(kube);
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_A));
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }]));
      await admitAndCheck(handler, ownedPod([{ key: 'k', mountRequirement: ENV }], JOB_B));
      const written = kube.get('secrets', podSecretName(projectId('k')), TASK_NAMESPACE);
      expect(written?.metadata['ownerReferences']).to.equal(undefined);
      expect((written?.metadata['annotations'] as Record<string, string>)['podsecrets.io/used-by-pod-without-controller']).to.equal('true');
    });
  });

  describe('when image pull Secrets are copied', () => {
    const pullName = imagePullSecretName(domainId('registry')) ?? '';

    beforeEach(() => {
      storeFlyteSecret(kube, domainId('registry'), 'v');
      kube.putSecret('flyte', pullName, { '.dockerconfigjson': '{"auths":{}}' }, { 'union.ai/secret-type': 'image-pull-secret' });
    });

    it("should label the copy managed-by podsecrets and own it by the pod's controller", async () => {
      const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText', imagePullSecrets: { enabled: true, namespace: 'flyte' } });
      await admitAndCheck(handler, ownedPod([{ key: 'registry', mountRequirement: ENV }], JOB_A));
      const copy = kube.get('secrets', pullName, TASK_NAMESPACE);
      expect(copy?.metadata.labels).to.deep.equal({ 'union.ai/secret-type': 'image-pull-secret', ...MANAGED });
      expect(copy?.metadata['ownerReferences']).to.deep.equal([JOB_A]);
    });

    it('should write no copy on a dry run, nor for a pod denied on a later secret', async () => {
      const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText', imagePullSecrets: { enabled: true, namespace: 'flyte' } });
      const dry = await admit(handler, ownedPod([{ key: 'registry', mountRequirement: ENV }], JOB_A), { dryRun: true });
      expect(dry.response.allowed).to.equal(true);
      const denied = await admit(
        handler,
        ownedPod(
          [
            { key: 'registry', mountRequirement: ENV },
            { key: 'missing', mountRequirement: ENV },
          ],
          JOB_A,
        ),
      );
      expect(denied.response.allowed).to.equal(false);
      expect(kube.writes()).to.deep.equal([]);
    });

    it("should leave alone a Secret of that name that is not podsecrets'", async () => {
      kube.putSecret(TASK_NAMESPACE, pullName, { '.dockerconfigjson': 'theirs' });
      const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText', imagePullSecrets: { enabled: true, namespace: 'flyte' } });
      await admitAndCheck(handler, ownedPod([{ key: 'registry', mountRequirement: ENV }], JOB_A));
      expect(kube.writes()).to.deep.equal([]);
    });
  });

  describe('when a write fails after every secret resolved', () => {
    it('should deny naming the Secret, whatever onBackendFailure says', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      kube.beforeHandle = (method) => {
        if (method === 'POST') kube.failWith = { code: 403, reason: 'Forbidden' };
      };
      const { handler } = embeddedPodsecrets(kube, { onBackendFailure: 'admitWithWarning' });
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include(
        `was resolved by Embedded, which then failed to complete it: Embedded: [SecretWriteFailure] cannot write Secret ${TASK_NAMESPACE}/${podSecretName(projectId('k'))}`,
      );
    });
  });
});
