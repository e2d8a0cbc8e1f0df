import { expect } from 'chai';
import { applyPatch, type Operation } from 'rfc6902';
import type { AdmissionReviewResponse } from '../../core/admission/admission-review.js';
import { expectAcceptablePod } from './acceptable-pod.js';
import type { HttpAnswer } from './test-webhook.js';

type Json = Record<string, unknown>;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/**
 * Checks that `pod` is docs/examples' pod (the README's) with its two secrets injected: my-group/my-key
 * as the env var `_UNION_MY-GROUP_MY-KEY` from the Secret, and db/password as a file under
 * /etc/flyte/secrets/db, its path in DB_PASSWORD_FILE; and that the API server would accept it.
 */
export function expectExamplePodMutated(pod: unknown): void {
  expectAcceptablePod(pod);
  const spec = (pod as Json)['spec'] as Json;
  const [main, ...others] = list(spec['containers']);
  expect(others).to.deep.equal([]);
  expect(main?.['name']).to.equal('main');
  const env = list(main?.['env']);
  const secretEnv = env.find((entry) => entry['name'] === '_UNION_MY-GROUP_MY-KEY');
  expect(secretEnv, 'the env var _UNION_MY-GROUP_MY-KEY').to.not.equal(undefined);
  expect((secretEnv?.['valueFrom'] as Json | undefined)?.['secretKeyRef'] ?? {}).to.include({ name: 'my-group', key: 'my-key' });
  expect(secretEnv).to.not.have.property('value');
  expect(env.find((entry) => entry['name'] === 'DB_PASSWORD_FILE')).to.deep.equal({ name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db/password' });
  const mount = list(main?.['volumeMounts']).find((entry) => entry['mountPath'] === '/etc/flyte/secrets/db');
  expect(mount, 'the mount at /etc/flyte/secrets/db').to.not.equal(undefined);
  expect(mount?.['readOnly']).to.equal(true);
  const volume = list(spec['volumes']).find((entry) => entry['name'] === mount?.['name']);
  expect(((volume?.['secret'] ?? {}) as Json)['secretName']).to.equal('db');
  expect(((volume?.['secret'] ?? {}) as Json)['items']).to.deep.equal([{ key: 'password', path: 'password' }]);
}

/**
 * Checks the webhook's answer to docs/examples/admission-review.json (`review`): HTTP 200, allowed with
 * the review's uid, and a JSON Patch that applies cleanly and gives the mutated example pod (see
 * expectExamplePodMutated). Returns that pod.
 */
export function expectExampleAnswer(answer: HttpAnswer, review: { request: { uid: string; object: unknown } }): unknown {
  expect(answer.status, answer.text).to.equal(200);
  const { response } = answer.json as AdmissionReviewResponse;
  expect(response).to.include({ uid: review.request.uid, allowed: true, patchType: 'JSONPatch' });
  const pod = structuredClone(review.request.object);
  const patch = JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as Operation[];
  expect(applyPatch(pod, patch).filter((failure) => failure !== null)).to.deep.equal([]);
  expectExamplePodMutated(pod);
  return pod;
}
