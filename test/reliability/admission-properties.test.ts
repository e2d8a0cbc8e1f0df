import { expect } from 'chai';
import fc from 'fast-check';
import { reviewFor } from '../support/pod-builders.js';
import { checkAdmission, checkAnyBody, type Verdict } from './support/admission-properties.js';
import { recordFigures } from './support/figures.js';
import { fuzzLarge, fuzzRuns } from './support/fuzz-runs.js';
import { installedBackendTypes, podsecretsForBackend } from './support/installed-backends.js';
import { LARGE_PODS, podArbitrary, SMALL_PODS } from './support/pod-arbitraries.js';

// Property tests over every backend the shipped plugin modules register: a backend added to
// server/wiring/plugin-modules.ts is covered here without an edit. PODSECRETS_FUZZ_RUNS sets the cases per
// property (200 by default; `npm run test:fuzz` runs 10,000).

const RUNS = fuzzRuns();
const LARGE_RUNS = Math.max(10, Math.floor(RUNS / 20));

function tally(): { count: (verdict: Verdict) => void; figures: () => Record<Verdict, number> } {
  const counts: Record<Verdict, number> = { mutated: 0, unchanged: 0, denied: 0 };
  return { count: (verdict) => (counts[verdict] += 1), figures: () => ({ ...counts }) };
}

describe('admission properties', function () {
  this.timeout(Math.max(60_000, RUNS * 200));

  for (const type of installedBackendTypes()) {
    describe(`when the secret manager is ${type}`, () => {
      const podsecrets = podsecretsForBackend(type);

      it('should admit acceptable, idempotent pods or deny with a typed reason, for any pod and request', async () => {
        const seen = tally();
        await fc.assert(
          fc.asyncProperty(podArbitrary(fuzzLarge() ? { ...SMALL_PODS, containers: 8, env: 12, secrets: 12 } : SMALL_PODS), async (pod) => {
            seen.count(await checkAdmission(podsecrets.handler, pod));
          }),
          { numRuns: RUNS },
        );
        const figures = seen.figures();
        recordFigures(`admission properties: ${type}`, { cases: RUNS, ...figures, errors: 0 });
        // A generator that only ever produced denials would prove nothing about admitted pods.
        expect(figures.mutated, `mutated pods among ${RUNS} cases`).to.be.greaterThan(0);
        expect(figures.denied, `denied pods among ${RUNS} cases`).to.be.greaterThan(0);
      });

      it('should keep the same properties for large pods and long requests', async () => {
        const seen = tally();
        await fc.assert(
          fc.asyncProperty(podArbitrary(LARGE_PODS), async (pod) => {
            seen.count(await checkAdmission(podsecrets.handler, pod));
          }),
          { numRuns: LARGE_RUNS },
        );
        recordFigures(`admission properties, large pods: ${type}`, { cases: LARGE_RUNS, ...seen.figures(), errors: 0 });
      });

      it('should answer or refuse with an AdmissionRequestError for any object in place of the pod', async () => {
        let refused = 0;
        const mangled = fc.oneof(
          fc.anything(),
          fc.record({ metadata: fc.anything(), spec: fc.anything() }),
          podArbitrary(SMALL_PODS).chain((pod) =>
            fc.tuple(fc.constantFrom('metadata', 'spec', 'containers', 'env', 'volumeMounts', 'volumes', 'annotations'), fc.anything()).map(([field, junk]) => {
              const copy = structuredClone(pod) as Record<string, unknown>;
              const metadata = copy['metadata'] as Record<string, unknown>;
              const spec = copy['spec'] as Record<string, unknown> & { containers: Record<string, unknown>[] };
              if (field === 'metadata' || field === 'spec') copy[field] = junk;
              else if (field === 'annotations') metadata['annotations'] = junk;
              else if (field === 'containers' || field === 'volumes') (spec as Record<string, unknown>)[field] = junk;
              else spec.containers[0]![field] = junk;
              return copy;
            }),
          ),
        );
        await fc.assert(
          fc.asyncProperty(mangled, async (object) => {
            if ((await checkAnyBody(podsecrets.handler, reviewFor(object, { namespace: 'team-a' }))) === 'refused') refused += 1;
          }),
          { numRuns: RUNS },
        );
        recordFigures(`mangled pods: ${type}`, { cases: RUNS, refused, errors: 0 });
      });
    });
  }

  describe('when the body is any JSON value', () => {
    it('should answer or refuse with an AdmissionRequestError, never throw anything else', async () => {
      const podsecrets = podsecretsForBackend('K8s');
      const bodies = fc.oneof(
        fc.jsonValue(),
        fc.record({
          apiVersion: fc.oneof(fc.constantFrom('admission.k8s.io/v1', 'admission.k8s.io/v1beta1'), fc.jsonValue()),
          kind: fc.oneof(fc.constant('AdmissionReview'), fc.jsonValue()),
          request: fc.jsonValue(),
        }),
        fc.record({
          apiVersion: fc.constant('admission.k8s.io/v1'),
          kind: fc.constant('AdmissionReview'),
          request: fc.record(
            {
              uid: fc.oneof(fc.string(), fc.jsonValue()),
              kind: fc.jsonValue(),
              operation: fc.oneof(fc.constantFrom('CREATE', 'UPDATE'), fc.jsonValue()),
              dryRun: fc.jsonValue(),
              object: fc.jsonValue(),
              namespace: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        }),
      );
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          if ((await checkAnyBody(podsecrets.handler, body)) === 'refused') refused += 1;
        }),
        { numRuns: RUNS },
      );
      recordFigures('any JSON body', { cases: RUNS, refused, errors: 0 });
      expect(refused).to.be.greaterThan(0);
    });
  });
});
