import { expect } from 'chai';
import fc from 'fast-check';
import { applyPatch, type Operation } from 'rfc6902';
import { MountRequirement, secretVolumeName } from '../../../core/index.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

// The JSON Patch is made by a diff specialised to what podsecrets changes (core/admission/json-patch-diff.ts),
// over a draft that shares the untouched parts of the request's pod. For many pods, the patch applied
// with rfc6902 to the request's object must give exactly the mutated pod, and the request's object
// must come out of the admission unchanged.

const ENV_NAMES = ['OWN', 'FLYTE_SECRETS_DEFAULT_DIR', 'FLYTE_SECRETS_ENV_PREFIX', '_FSEC_G0_K0', 'MY_VAR'];

const container = (prefix: string) =>
  fc
    .record({
      index: fc.nat(),
      env: fc.subarray(ENV_NAMES),
      mountsSecrets: fc.boolean(),
    })
    .map(({ index, env, mountsSecrets }) => ({
      name: `${prefix}${index % 1000}`,
      image: 'busybox',
      env: env.map((name) => ({ name, value: `own-${name}` })),
      volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }, ...(mountsSecrets ? [{ name: secretVolumeName('g0', ''), mountPath: '/etc/flyte/secrets/g0', readOnly: true }] : [])],
    }));

const secret = fc.record({
  group: fc.constantFrom('g0', 'g1', 'g2', ''),
  key: fc.constantFrom('k0', 'k1', 'k2'),
  mountRequirement: fc.constantFrom(MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE),
  envVar: fc.constantFrom('', 'MY_VAR'),
});

const pod = fc
  .record({
    containers: fc.uniqueArray(container('c'), { minLength: 1, maxLength: 4, selector: (entry) => entry.name }),
    initContainers: fc.uniqueArray(container('i'), { maxLength: 2, selector: (entry) => entry.name }),
    secrets: fc.array(secret, { maxLength: 6 }),
    hasSecretVolume: fc.boolean(),
    pullSecrets: fc.subarray(['b-registry', 'z-registry']),
  })
  .map(({ containers, initContainers, secrets, hasSecretVolume, pullSecrets }) =>
    podWithSecrets({
      secrets,
      containers,
      ...(initContainers.length > 0 ? { initContainers } : {}),
      volumes: [
        { name: 'scratch', emptyDir: {} },
        ...(hasSecretVolume ? [{ name: secretVolumeName('g0', ''), secret: { secretName: 'g0', items: [{ key: 'old', path: 'old' }], optional: true } }] : []),
      ],
      spec: { restartPolicy: 'Never', ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets.map((name) => ({ name })) } : {}) },
    }),
  );

describe('AdmissionHandler', () => {
  describe('when it patches a pod', () => {
    it('should send a patch that, applied by rfc6902 to the request object, gives exactly the mutated pod', async () => {
      const { handler } = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s' } } });
      let mutated = 0;
      await fc.assert(
        fc.asyncProperty(pod, async (request) => {
          const snapshot = structuredClone(request);
          const result = await handler.handle(reviewFor(request));
          expect(request, 'the request object after the admission').to.deep.equal(snapshot);
          if (result.mutation?.outcome !== 'mutated') return;
          mutated++;
          const patch = JSON.parse(Buffer.from(result.review.response.patch ?? '', 'base64').toString('utf8')) as Operation[];
          const patched = structuredClone(request);
          expect(applyPatch(patched, patch).filter((failure) => failure !== null)).to.deep.equal([]);
          expect(patched).to.deep.equal(JSON.parse(JSON.stringify(result.mutation.pod)));
        }),
        { numRuns: 300 },
      );
      expect(mutated, 'pods that were mutated').to.be.greaterThan(100);
    });
  });

  describe('when a secret adds its file to a volume the pod already has', () => {
    it('should leave the request object as it was', async () => {
      const { handler } = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s' } } });
      const volume = { name: secretVolumeName('g0', ''), secret: { secretName: 'g0', items: [{ key: 'old', path: 'old' }], optional: true } };
      const request = podWithSecrets({ secrets: [{ group: 'g0', key: 'new', mountRequirement: MountRequirement.FILE }], volumes: [volume] });
      const result = await handler.handle(reviewFor(request));
      expect(request.spec.volumes).to.deep.equal([volume]);
      expect(volume.secret.items).to.deep.equal([{ key: 'old', path: 'old' }]);
      expect(result.mutation?.outcome === 'mutated' ? result.mutation.pod.spec.volumes : undefined).to.deep.equal([
        {
          ...volume,
          secret: {
            ...volume.secret,
            items: [
              { key: 'old', path: 'old' },
              { key: 'new', path: 'new' },
            ],
          },
        },
      ]);
    });
  });
});
