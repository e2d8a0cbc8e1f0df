import { expect } from 'chai';
import fc from 'fast-check';
import { MountRequirement, type SecretRequest } from '../../../core/index.js';
import { podProblems } from '../../support/acceptable-pod.js';
import { admit } from '../../support/admit.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { podWithSecrets } from '../../support/pod-builders.js';

// Requests and pods drawn from small pools, so that groups, keys, names and paths meet each other often.
// Mostly valid, with now and then a value Kubernetes refuses.
const mostly = <T>(valid: T[], invalid: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const groupArb = mostly(['', 'db', 'db-creds', 'a.b', 'x'.repeat(45)], ['My_Group', '..']);
const keyArb = mostly(['k', 'K', 'token', 'Token', 'a.b'], ['', 'a/b', '..x']);
const versionArb = fc.constantFrom('', 'v1', 'v2', 'y'.repeat(40));
const envVarArb = mostly(['', '', '', 'TOKEN', 'X_PATH'], ['1BAD', 'FLYTE_SECRETS_DEFAULT_DIR']);
const secretArb: fc.Arbitrary<Partial<SecretRequest>> = fc.record({
  group: groupArb,
  groupVersion: versionArb,
  key: keyArb,
  mountRequirement: fc.constantFrom(MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE),
  envVar: envVarArb,
});
const mountArb = fc.record({ name: fc.constantFrom('data', 'mrrc1y2smvshgxy', 'mrza'), mountPath: fc.constantFrom('/data', '/etc/flyte/secrets/db', '/etc/flyte/secrets/db-creds') });
const containerArb = (name: string) =>
  fc.record({
    name: fc.constant(name),
    image: fc.constant('busybox'),
    env: fc.uniqueArray(fc.record({ name: fc.constantFrom('TOKEN', 'OWN', '_UNION_DB_K', 'FLYTE_SECRETS_DEFAULT_DIR'), value: fc.constant('mine') }), { selector: (env) => env.name, maxLength: 3 }),
    volumeMounts: fc.uniqueArray(mountArb, { selector: (mount) => mount.mountPath, maxLength: 2 }),
  });

describe('K8sSecretInjector', () => {
  describe('when given random requests in random pods', () => {
    it('should either admit a pod the API server accepts and that a second pass leaves alone, or deny with 400 and a reason', async () => {
      const handler = createIsolatedPodsecrets({ webhook: { secretManagerType: 'K8s' } }).handler;
      await fc.assert(
        fc.asyncProperty(
          fc.array(secretArb, { minLength: 1, maxLength: 4 }),
          fc.tuple(containerArb('main'), containerArb('side')),
          fc.option(containerArb('setup'), { nil: undefined }),
          async (secrets, containers, init) => {
            // Every volume a container mounts exists, as the API server would insist.
            const mounted = new Set([...containers, ...(init ? [init] : [])].flatMap((container) => container.volumeMounts.map((mount) => mount.name)));
            const volumes = [...mounted].map((name) => (name === 'data' ? { name, emptyDir: {} } : { name, secret: { secretName: 'db-creds' } }));
            const pod = podWithSecrets({ secrets, containers, ...(init ? { initContainers: [init] } : {}), volumes });
            fc.pre(podProblems(pod).length === 0);
            const first = await admit(handler, pod);
            if (!first.response.allowed) {
              expect(first.response.status?.code).to.equal(400);
              expect(first.response.status?.message).to.match(/^none of the secret managers injected secret \[/);
              return;
            }
            expect(podProblems(first.pod)).to.deep.equal([]);
            const second = await admit(handler, first.pod);
            expect(second.response.allowed).to.equal(true);
            expect(second.patch).to.deep.equal([]);
          },
        ),
        { numRuns: 300, seed: 20261129 },
      );
    });
  });
});
