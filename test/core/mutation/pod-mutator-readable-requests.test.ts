import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { MountRequirement, secretRequest } from '../../../core/index.js';
import { encodeSecretAnnotations } from '../../../core/wire/secret-annotations.js';
import { PodMutator } from '../../../core/mutation/pod-mutator.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const DB_FILE = secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' });

describe(PodMutator.name, () => {
  describe('when a pod asks with a readable annotation', () => {
    it('should inject the secret as it does for the Flyte annotation', async () => {
      const { handler } = createTestPodsecrets();
      const readable = await admitAndCheck(handler, podWithSecrets({ annotations: { 'secrets.podsecrets.io/db': 'group=db,key=password,mount=file,envVar=DB_PASSWORD_FILE' } }));
      const spec = readable['spec'] as { containers: { env: unknown[]; volumeMounts: unknown[] }[]; volumes: unknown[] };
      expect(spec.containers[0]!.env).to.deep.equal([
        { name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db/password' },
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
      ]);
      expect(spec.volumes).to.deep.equal([{ name: 'mrrf5', secret: { secretName: 'db', items: [{ key: 'password', path: 'password' }], optional: true } }]);
      const flyte = await admitAndCheck(handler, podWithSecrets({ secrets: [DB_FILE] }));
      expect(readable['spec']).to.deep.equal(flyte['spec']);
    });
  });

  describe('when given the documented example (docs/examples/readable-pod.yaml)', () => {
    it('should inject both secrets with K8s', async () => {
      const { handler } = createTestPodsecrets();
      const pod = parseYaml(readFileSync(new URL('../../../../docs/examples/readable-pod.yaml', import.meta.url), 'utf8')) as unknown;
      const { response } = await admit(handler, pod);
      expect(response.auditAnnotations).to.deep.equal({ 'injected-secrets': '2', backends: 'K8s' });
      await admitAndCheck(handler, pod);
    });
  });

  describe('when the same secret is asked both ways', () => {
    it('should inject it once', async () => {
      const { handler } = createTestPodsecrets();
      const pod = podWithSecrets({ annotations: { ...encodeSecretAnnotations([DB_FILE]), 'secrets.podsecrets.io/db': 'group=db,key=password,mount=file,envVar=DB_PASSWORD_FILE' } });
      const { response } = await admit(handler, pod);
      expect(response.auditAnnotations).to.deep.equal({ 'injected-secrets': '1', backends: 'K8s' });
    });
  });

  describe('when a pod asks both ways for different secrets', () => {
    it("should inject Flyte's first, then the readable ones in name order", async () => {
      const { mutator } = createTestPodsecrets();
      const pod = podWithSecrets({
        secrets: [secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.ENV_VAR })],
        annotations: { 'secrets.podsecrets.io/b': 'group=cache,key=token,mount=env', 'secrets.podsecrets.io/a': 'group=api,key=key,mount=env' },
      });
      const result = await mutator.mutate(pod, { namespace: 'team-a', uid: '', dryRun: false, signal: new AbortController().signal });
      expect(result.outcome === 'mutated' ? result.injections.map((injection) => (injection.secret as { source?: string }).source) : []).to.deep.equal([
        'flyte.secrets/s0',
        'secrets.podsecrets.io/a',
        'secrets.podsecrets.io/b',
      ]);
    });
  });

  describe('when a readable annotation is malformed', () => {
    it('should deny the pod naming the annotation, the field and what is accepted', async () => {
      const { handler } = createTestPodsecrets();
      const { response } = await admit(handler, podWithSecrets({ annotations: { 'secrets.podsecrets.io/db': 'group=db,key=password,mount=volume' } }));
      expect(response.allowed).to.equal(false);
      expect(response.status).to.deep.equal({
        status: 'Failure',
        code: 400,
        reason: 'BadRequest',
        message: 'annotation "secrets.podsecrets.io/db": field "mount": "volume" is not a mount requirement (accepted: any, env (or env_var), file; any case)',
      });
    });
  });

  describe('when no backend can deliver a readable request', () => {
    it('should deny naming the readable annotation and every backend tried', async () => {
      const { handler } = createTestPodsecrets();
      const { response } = await admit(handler, podWithSecrets({ annotations: { 'secrets.podsecrets.io/bad': 'group=Not_A_Name,key=k,mount=file' } }));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.match(
        /^none of the secret managers injected secret \[group "Not_A_Name", key "k", mount FILE\] \(secrets\.podsecrets\.io\/bad\); tried Global, K8s: Global: \[UnsupportedMount\] .*; K8s: \[InvalidRequest\] group "Not_A_Name" is not a valid Kubernetes Secret name/,
      );
    });
  });
});
