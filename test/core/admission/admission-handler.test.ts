import { expect } from 'chai';
import { MountRequirement } from '../../../core/index.js';
import { AdmissionRequestError } from '../../../core/admission/admission-request-error.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { type FakeCall, FakeInjector, fakeInjectorModule } from '../../support/fake-injector.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const k8sHandler = () => createIsolatedPodsecrets({ webhook: { secretManagerType: 'K8s' } }).handler;
const envPod = () => podWithSecrets({ secrets: [{ group: 'g', key: 'k', mountRequirement: MountRequirement.ENV_VAR }] });

async function requestError(body: unknown): Promise<AdmissionRequestError> {
  try {
    await k8sHandler().handle(body);
  } catch (error) {
    expect(error).to.be.instanceOf(AdmissionRequestError);
    return error as AdmissionRequestError;
  }
  expect.fail('handle accepted the body');
}

describe('AdmissionHandler', () => {
  for (const apiVersion of ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const) {
    describe(`when a ${apiVersion} review asks to create a pod with secrets`, () => {
      it('should answer in the same version with the uid and a JSON Patch', async () => {
        const { review, outcome } = await k8sHandler().handle(reviewFor(envPod(), { apiVersion, uid: 'abc-123' }));
        expect(outcome).to.equal('mutated');
        expect(review.apiVersion).to.equal(apiVersion);
        expect(review.kind).to.equal('AdmissionReview');
        expect(review.response).to.include({ uid: 'abc-123', allowed: true, patchType: 'JSONPatch' });
        expect(review.response.auditAnnotations).to.deep.equal({ 'injected-secrets': '1', backends: 'K8s' });
        const patch = JSON.parse(Buffer.from(review.response.patch ?? '', 'base64').toString('utf8')) as unknown;
        expect(patch).to.deep.equal([
          {
            op: 'add',
            path: '/spec/containers/0/env',
            value: [
              { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
              { name: '_UNION_G_K', valueFrom: { secretKeyRef: { name: 'g', key: 'k', optional: true } } },
            ],
          },
        ]);
      });

      it('should be a patch the API server accepts, that a second pass leaves alone', async () => {
        await admitAndCheck(k8sHandler(), envPod(), { apiVersion });
      });
    });
  }

  describe('when nothing changes', () => {
    it('should allow a pod without secrets without a patch', async () => {
      const { review, outcome } = await k8sHandler().handle(reviewFor(podWithSecrets(), { uid: 'u' }));
      expect(outcome).to.equal('unchanged');
      expect(review.response).to.deep.equal({ uid: 'u', allowed: true });
    });

    it('should allow a pod that already has its secrets without a patch', async () => {
      const handler = k8sHandler();
      const once = await admitAndCheck(handler, envPod());
      const { review } = await handler.handle(reviewFor(once, { uid: 'u' }));
      expect(review.response).to.deep.equal({ uid: 'u', allowed: true, auditAnnotations: { 'injected-secrets': '1', backends: 'K8s' } });
    });
  });

  describe('when the operation is not CREATE', () => {
    it('should allow it untouched without calling any injector', async () => {
      const calls: FakeCall[] = [];
      const { handler } = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s', undefined, calls))] });
      for (const operation of ['UPDATE', 'DELETE', 'CONNECT']) {
        const { review, outcome } = await handler.handle(reviewFor(envPod(), { operation, uid: 'u' }));
        expect(outcome, operation).to.equal('skipped');
        expect(review.response, operation).to.deep.equal({ uid: 'u', allowed: true, auditAnnotations: { skipped: `operation ${operation}: podsecrets only acts on CREATE` } });
      }
      expect(calls).to.deep.equal([]);
    });

    it('should allow a DELETE whose object is null, as the API server sends it', async () => {
      const { handler } = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s'))] });
      const review = reviewFor(null, { operation: 'DELETE', uid: 'd', namespace: 'team-a' });
      const { review: answer, outcome } = await handler.handle(review);
      expect(outcome).to.equal('skipped');
      expect(answer.response).to.deep.equal({ uid: 'd', allowed: true, auditAnnotations: { skipped: 'operation DELETE: podsecrets only acts on CREATE' } });
    });
  });

  describe('when the pod cannot be edited', () => {
    it('should deny with code 400 and the field', async () => {
      const pod = { ...envPod(), spec: { containers: [{ name: 'main', env: 'not a list' }] } };
      const { review, outcome } = await k8sHandler().handle(reviewFor(pod, { uid: 'u' }));
      expect(outcome).to.equal('invalid');
      expect(review.response).to.deep.equal({
        uid: 'u',
        allowed: false,
        status: { status: 'Failure', code: 400, reason: 'BadRequest', message: 'pod field spec.containers[0].env: expected a list, got a string' },
        auditAnnotations: { denied: 'pod field spec.containers[0].env: expected a list, got a string' },
      });
    });

    it('should deny a secret annotation that does not decode, with code 400 and the annotation', async () => {
      const pod = podWithSecrets({ annotations: { 'flyte.secrets/s3': 'not base32!' } });
      const { response } = await admit(k8sHandler(), pod);
      expect(response.allowed).to.equal(false);
      expect(response.status?.code).to.equal(400);
      expect(response.status?.message).to.match(/^annotation "flyte\.secrets\/s3": /);
      expect(response.patch).to.equal(undefined);
    });
  });

  describe('when optional fields of the pod are null', () => {
    it('should treat them as absent and never fail', async () => {
      const withoutSecrets = podWithSecrets();
      withoutSecrets.metadata!.annotations = null as unknown as Record<string, string>;
      withoutSecrets.metadata!.labels = null as unknown as Record<string, string>;
      const { review } = await k8sHandler().handle(reviewFor(withoutSecrets, { uid: 'u' }));
      expect(review.response).to.deep.equal({ uid: 'u', allowed: true });
      const withSecrets = podWithSecrets({
        secrets: [{ group: 'g', key: 'k', mountRequirement: MountRequirement.FILE }],
        containers: [{ name: 'main', image: 'x', env: null, volumeMounts: null }],
        spec: { volumes: null, initContainers: null, imagePullSecrets: null },
      });
      const { response, pod } = await admit(k8sHandler(), withSecrets);
      expect(response.allowed).to.equal(true);
      expect((pod['spec'] as { volumes: unknown[] }).volumes).to.have.length(1);
    });
  });

  describe('when no backend delivers a secret', () => {
    it('should deny with code 400 and the reasons', async () => {
      const { review, outcome } = await k8sHandler().handle(reviewFor(podWithSecrets({ secrets: [{ group: 'g' }] }), { uid: 'u' }));
      expect(outcome).to.equal('denied');
      expect(review.response.status).to.deep.include({ status: 'Failure', code: 400, reason: 'BadRequest' });
      expect(review.response.status?.message).to.match(/^none of the secret managers injected secret \[group "g", mount ANY\] \(flyte\.secrets\/s0\); tried Global, K8s: /);
    });
  });

  describe('when the request is not a pod review', () => {
    const valid = () => reviewFor(envPod()) as { request: Record<string, unknown> } & Record<string, unknown>;
    const cases: [string, unknown, string][] = [
      ['the body is a list', [], 'the body must be a JSON object (an AdmissionReview), got []'],
      ['the kind is wrong', { ...valid(), kind: 'Pod' }, 'kind: expected "AdmissionReview", got "Pod"'],
      ['the version is unknown', { ...valid(), apiVersion: 'admission.k8s.io/v2' }, 'apiVersion: expected one of admission.k8s.io/v1, admission.k8s.io/v1beta1, got "admission.k8s.io/v2"'],
      ['the uid is missing', { ...valid(), request: { ...valid().request, uid: '' } }, 'request.uid: expected a non-empty string, got ""'],
      [
        'the object is not a pod',
        { ...valid(), request: { ...valid().request, kind: { group: 'apps', version: 'v1', kind: 'Deployment' } } },
        'request.kind: podsecrets mutates core/v1 Pods only, got {"group":"apps","version":"v1","kind":"Deployment"}',
      ],
      ['the object is missing', { ...valid(), request: { ...valid().request, object: null } }, 'request.object: expected the pod as an object, got null'],
      ['dryRun is not a boolean', { ...valid(), request: { ...valid().request, dryRun: 'yes' } }, 'request.dryRun: expected true or false, got "yes"'],
    ];
    for (const [when, body, message] of cases) {
      it(`should throw AdmissionRequestError when ${when}`, async () => {
        expect((await requestError(body)).message).to.equal(message);
      });
    }
  });

  describe('when passing the request on', () => {
    it("should give injectors the request's namespace, uid and dryRun, or the pod's namespace", async () => {
      const calls: FakeCall[] = [];
      const { handler } = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s', undefined, calls))] });
      await handler.handle(reviewFor(envPod(), { uid: 'u1', namespace: 'ns-1', dryRun: true }));
      const withoutNamespace = reviewFor(envPod(), { uid: 'u2' }) as { request: Record<string, unknown> };
      delete withoutNamespace.request['namespace'];
      await handler.handle(withoutNamespace);
      expect(calls.map(({ context }) => [context.namespace, context.uid, context.dryRun])).to.deep.equal([
        ['ns-1', 'u1', true],
        ['team-a', 'u2', false],
      ]);
    });

    it("should read the caller's signal only when an injector asks for it, and give that one", async () => {
      const controller = new AbortController();
      let reads = 0;
      const options = {
        get signal() {
          reads++;
          return controller.signal;
        },
      };
      const quiet = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s'))] });
      await quiet.handler.handle(reviewFor(envPod()), options);
      expect(reads).to.equal(0);
      const given: AbortSignal[] = [];
      const asking = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s', (_secret, _edit, context) => void given.push(context.signal)))] });
      await asking.handler.handle(reviewFor(envPod()), options);
      expect(given).to.deep.equal([controller.signal]);
      expect(given[0]).to.equal(controller.signal);
    });

    it('should cut warnings longer than 256 characters', async () => {
      const long = 'w'.repeat(300);
      const { handler } = createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s', (_secret, edit) => edit.warn(long)))] });
      const { review } = await handler.handle(reviewFor(envPod()));
      expect(review.response.warnings).to.deep.equal([`${'w'.repeat(253)}...`]);
    });
  });
});
