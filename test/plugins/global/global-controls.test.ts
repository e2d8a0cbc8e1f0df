import { expect } from 'chai';
import { ConfigError } from '../../../config/config-error.js';
import { type Container, MountRequirement, type Pod } from '../../../core/index.js';
import { UnknownInjectorError } from '../../../core/keyed-registry.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const { ENV_VAR } = MountRequirement;
// The webhook's own credential, which must never reach a pod through Global (issue 10, attack 4).
const WEBHOOK_ENV = { VAULT_TOKEN: 'hvs.webhook-own-token', FLYTE_SECRET_DB_PASSWORD: 'db-value' };
const passwordEnv = (pod: Record<string, unknown>) => ((pod['spec'] as Pod['spec']).containers[0] as Container).env?.find((variable) => variable.name === '_UNION_DB_PASSWORD');

describe('GlobalSecretInjector controls', () => {
  describe('when secrets.env-prefix is empty', () => {
    it('should refuse to start, naming the key, so that no variable of the webhook becomes a Global secret', () => {
      let error: unknown;
      try {
        createIsolatedPodsecrets({ secrets: { 'env-prefix': '' } }, WEBHOOK_ENV);
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.include('secrets.env-prefix: must be a non-empty prefix of environment variable names');
    });
  });

  describe('when secrets.type is none', () => {
    it('should leave Global out of the chain, so its values reach no pod and K8s answers', async () => {
      const { handler, mutator } = createIsolatedPodsecrets({ secrets: { type: 'none' } }, WEBHOOK_ENV);
      expect(mutator.chain).to.deep.equal(['K8s']);
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: ENV_VAR }] }));
      expect(JSON.stringify(pod)).not.to.include('db-value');
      expect(passwordEnv(pod)).to.deep.equal({ name: '_UNION_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } });
    });

    it('should refuse to start when Global is also named as the backend, naming both keys', () => {
      expect(() => createIsolatedPodsecrets({ webhook: { secretManagerTypes: ['Global', 'K8s'] }, secrets: { type: 'none' } })).to.throw(
        UnknownInjectorError,
        'webhook.secretManagerTypes[0]: secret manager type "Global" is turned off by secrets.type: none',
      );
    });
  });

  describe('when secrets.type is local (the default)', () => {
    it('should try Global first, as Flyte', () => {
      expect(createIsolatedPodsecrets({}).mutator.chain).to.deep.equal(['Global', 'K8s']);
    });
  });

  describe('when secrets.allowedNamespaces lists namespaces', () => {
    const config = { webhook: { secretManagerTypes: ['Global'] }, secrets: { allowedNamespaces: ['flyte', 'team-a'] } };
    const request = podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: ENV_VAR }] });

    it('should give a listed namespace its value', async () => {
      const { handler } = createIsolatedPodsecrets(config, WEBHOOK_ENV);
      const pod = await admitAndCheck(handler, request, { namespace: 'team-a' });
      expect(passwordEnv(pod)).to.deep.equal({ name: '_UNION_DB_PASSWORD', value: 'db-value' });
    });

    it('should deny any other namespace, naming the namespace, the secret and the key, with nothing written', async () => {
      const { handler } = createIsolatedPodsecrets(config, WEBHOOK_ENV);
      const { response, patch } = await admit(handler, request, { namespace: 'attacker-dev' });
      expect(response.allowed).to.equal(false);
      expect(patch).to.deep.equal([]);
      expect(response.status?.message).to.include(
        'Global: [NamespaceNotAllowed] namespace "attacker-dev" may not receive the global secret group "db" key "password": secrets.allowedNamespaces lists only flyte, team-a',
      );
      expect(JSON.stringify(response)).not.to.include('db-value');
    });

    it('should let the next backend deliver what Global may not, with a warning that says so', async () => {
      const { handler } = createIsolatedPodsecrets({ secrets: { allowedNamespaces: ['flyte'] } }, WEBHOOK_ENV);
      const { response, pod } = await admit(handler, request, { namespace: 'attacker-dev' });
      expect(response.allowed).to.equal(true);
      expect(response.warnings).to.deep.equal(['flyte.secrets/s0: injected by K8s after Global [NamespaceNotAllowed] failed']);
      expect(JSON.stringify(pod)).not.to.include('db-value');
    });

    it('should pass a secret Global does not hold on to the next backend without a warning', async () => {
      const { handler } = createIsolatedPodsecrets({ secrets: { allowedNamespaces: ['flyte'] } }, WEBHOOK_ENV);
      const { response } = await admit(handler, podWithSecrets({ secrets: [{ group: 'other', key: 'k', mountRequirement: ENV_VAR }] }), { namespace: 'attacker-dev' });
      expect(response.allowed).to.equal(true);
      expect(response.warnings ?? []).to.deep.equal([]);
    });
  });

  describe('when secrets.allowedNamespaces holds something that is not a namespace name', () => {
    it('should refuse to start, naming the key and the value', () => {
      expect(() => createIsolatedPodsecrets({ secrets: { allowedNamespaces: ['Team_A'] } })).to.throw(ConfigError, /secrets\.allowedNamespaces: must be a list of namespace names.*Team_A/s);
    });
  });
});
