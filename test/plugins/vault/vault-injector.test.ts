import { expect } from 'chai';
import { md5Hex, MountRequirement } from '../../../core/index.js';
import { VaultSecretInjector } from '../../../plugins/vault/vault-injector.js';
import { admitAndCheck } from '../../support/admit.js';
import { containersOf, envValue, failureOf } from '../../support/backend-checks.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const V = 'vault.hashicorp.com/';

function vault(vaultSecretManager: Record<string, unknown> = {}) {
  return createTestPodsecrets({ config: { webhook: { secretManagerType: 'Vault', vaultSecretManager } } });
}

function annotationsOf(pod: Record<string, unknown>): Record<string, string> {
  return (pod['metadata'] as { annotations: Record<string, string> }).annotations;
}

/** The annotations podsecrets adds: all but the request's own. */
function vaultAnnotationsOf(pod: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotationsOf(pod)).filter(([key]) => key.startsWith(V)));
}

const COMMON = {
  [`${V}agent-inject`]: 'true',
  [`${V}secret-volume-path`]: '/etc/flyte/secrets',
  [`${V}role`]: 'flyte',
  [`${V}agent-pre-populate-only`]: 'true',
};

describe('VaultSecretInjector', () => {
  describe('when secretManagerType names it', () => {
    it("should be selected by secretManagerType 'Vault' in any case", () => {
      for (const type of ['Vault', 'vault', 'VAULT']) {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: type } } });
        expect(podsecrets.mutator.chain).to.deep.equal(['Global', 'Vault']);
        expect(podsecrets.registry.get(type)).to.be.instanceOf(VaultSecretInjector);
      }
    });
  });

  describe('when a FILE secret has group and key', () => {
    it("should add Flyte's annotations with an id derived from group/key and the file env vars", async () => {
      const pod = await admitAndCheck(vault().handler, podWithSecrets({ secrets: [{ group: 'secret/data/team', key: 'token', mountRequirement: MountRequirement.FILE }] }));
      const id = md5Hex('secret/data/team/token');
      expect(vaultAnnotationsOf(pod)).to.deep.equal({
        [`${V}agent-inject-secret-${id}`]: 'secret/data/team',
        [`${V}agent-inject-file-${id}`]: 'secret/data/team/token',
        [`${V}agent-inject-template-${id}`]: '{{- with secret "secret/data/team" -}}{{ .Data.data.token }}{{- end -}}',
        ...COMMON,
      });
      const [main] = containersOf(pod, 'containers');
      expect(main?.['env']).to.deep.equal([
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
      ]);
      expect(pod['spec']).to.not.have.property('volumes');
      expect(pod['spec']).to.not.have.property('initContainers');
    });

    it('should give the same annotations on every admission, unlike Flyte’s random UUID', async () => {
      const request = podWithSecrets({ secrets: [{ group: 'kv/app', key: 'password' }] });
      const first = await admitAndCheck(vault().handler, request);
      const second = await admitAndCheck(vault().handler, request);
      expect(annotationsOf(second)).to.deep.equal(annotationsOf(first));
    });
  });

  describe('when group_version selects the engine', () => {
    const cases: [string, string | undefined][] = [
      ['kv1', '{{- with secret "kv/app" -}}{{ .Data.password }}{{- end -}}'],
      ['kv2', '{{- with secret "kv/app" -}}{{ .Data.data.password }}{{- end -}}'],
      ['db', undefined],
    ];
    for (const [groupVersion, template] of cases) {
      it(`should write ${template === undefined ? 'no template' : 'the template'} for ${groupVersion}, whatever kvVersion says`, async () => {
        const pod = await admitAndCheck(vault({ kvVersion: groupVersion === 'kv2' ? 1 : 2 }).handler, podWithSecrets({ secrets: [{ group: 'kv/app', key: 'password', groupVersion }] }));
        const id = md5Hex('kv/app/password');
        expect(vaultAnnotationsOf(pod)[`${V}agent-inject-template-${id}`]).to.equal(template);
        expect(vaultAnnotationsOf(pod)[`${V}agent-inject-file-${id}`]).to.equal('kv/app/password');
      });
    }
  });

  describe('when group_version does not name an engine', () => {
    const cases: [unknown, string][] = [
      ['1', '.Data'],
      [1, '.Data'],
      ['2', '.Data.data'],
      [2, '.Data.data'],
      [undefined, '.Data.data'],
    ];
    for (const [kvVersion, query] of cases) {
      it(`should read ${query} for kvVersion ${JSON.stringify(kvVersion)} (a YAML integer 1 is KV v1, unlike Flyte)`, async () => {
        const settings = kvVersion === undefined ? {} : { kvVersion };
        for (const groupVersion of ['', 'KV1', 'v3']) {
          const pod = await admitAndCheck(vault(settings).handler, podWithSecrets({ secrets: [{ group: 'kv/app', key: 'password', groupVersion }] }));
          expect(vaultAnnotationsOf(pod)[`${V}agent-inject-template-${md5Hex('kv/app/password')}`]).to.equal(`{{- with secret "kv/app" -}}{{ ${query}.password }}{{- end -}}`);
        }
      });
    }
  });

  describe('when the key is not a Go template identifier', () => {
    it('should read it with index, which a Go template needs for such a key', async () => {
      const pod = await admitAndCheck(vault().handler, podWithSecrets({ secrets: [{ group: 'kv/app', key: 'api-key.v2' }] }));
      expect(vaultAnnotationsOf(pod)[`${V}agent-inject-template-${md5Hex('kv/app/api-key.v2')}`]).to.equal('{{- with secret "kv/app" -}}{{ index .Data.data "api-key.v2" }}{{- end -}}');
    });
  });

  describe('when role and annotations are configured', () => {
    it('should use the role and let configured annotations override the defaults', async () => {
      const podsecrets = vault({ role: 'tasks', annotations: { [`${V}agent-pre-populate-only`]: 'false', [`${V}namespace`]: 'ns1', 'example.com/flag': true } });
      const pod = await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [{ group: 'kv/app', key: 'password' }] }));
      const annotations = annotationsOf(pod);
      expect(annotations[`${V}role`]).to.equal('tasks');
      expect(annotations[`${V}agent-pre-populate-only`]).to.equal('false');
      expect(annotations[`${V}namespace`]).to.equal('ns1');
      expect(annotations['example.com/flag']).to.equal('true');
    });
  });

  describe('when the pod already has some of the annotations', () => {
    it("should keep the pod's values over the configured and default ones", async () => {
      const id = md5Hex('kv/app/password');
      const own = { [`${V}role`]: 'mine', [`${V}agent-inject-template-${id}`]: '{{ custom }}', [`${V}namespace`]: 'pod-ns' };
      const podsecrets = vault({ annotations: { [`${V}namespace`]: 'config-ns' } });
      const pod = await admitAndCheck(podsecrets.handler, podWithSecrets({ secrets: [{ group: 'kv/app', key: 'password' }], annotations: own }));
      expect(annotationsOf(pod)).to.include(own);
    });
  });

  describe('when two requests name the same file', () => {
    it('should write one set of annotations', async () => {
      const pod = await admitAndCheck(
        vault().handler,
        podWithSecrets({
          secrets: [
            { group: 'kv/app', key: 'password' },
            { group: 'kv/app', key: 'password', mountRequirement: MountRequirement.FILE },
          ],
        }),
      );
      expect(Object.keys(vaultAnnotationsOf(pod))).to.have.length(3 + Object.keys(COMMON).length);
    });
  });

  describe('when the request names an env var', () => {
    it('should set it to the file path, keeping the case of group and key as Vault does', async () => {
      const pod = await admitAndCheck(vault().handler, podWithSecrets({ secrets: [{ group: 'kv/App', key: 'Password', envVar: 'DB_PASSWORD_FILE' }] }));
      for (const container of [...containersOf(pod, 'containers')]) {
        expect(container['env']).to.deep.equal([
          { name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/kv/App/Password' },
          { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
          { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
        ]);
      }
      expect(envValue(containersOf(pod, 'containers')[0]!, 'DB_PASSWORD_FILE')).to.equal('/etc/flyte/secrets/kv/App/Password');
    });

    it('should refuse an env var name the API server would refuse', async () => {
      const failure = await failureOf(vault(), podWithSecrets({ secrets: [{ group: 'kv/app', key: 'k', envVar: '1BAD NAME' }] }), 'Vault');
      expect(failure.code).to.equal('InvalidRequest');
      expect(failure.message).to.include('envVar "1BAD NAME"');
    });
  });

  describe('when the request cannot be served', () => {
    it('should refuse ENV_VAR and say why and what to ask for instead', async () => {
      const failure = await failureOf(vault(), podWithSecrets({ secrets: [{ group: 'kv/app', key: 'k', mountRequirement: MountRequirement.ENV_VAR }] }), 'Vault');
      expect(failure.code).to.equal('UnsupportedMount');
      expect(failure.message).to.equal(
        'Vault delivers a secret only as a file, rendered by the Vault Agent into the pod before it starts, so it cannot put the value in an environment variable (ENV_VAR); ask for FILE or ANY, and set envVar to receive the file path in a variable',
      );
    });

    const invalid: [Record<string, string>, string][] = [
      [{ key: 'k' }, 'needs a group'],
      [{ group: 'kv/app' }, 'needs a key'],
      [{ group: 'kv/"app', key: 'k' }, 'a quote, backslash or control character'],
      [{ group: 'kv/app', key: 'a\\b' }, 'a quote, backslash or control character'],
      [{ group: '/kv/app', key: 'k' }, "an empty, '.' or '..' path segment"],
      [{ group: 'kv/app', key: '../../k' }, "an empty, '.' or '..' path segment"],
    ];
    for (const [fields, reason] of invalid) {
      it(`should refuse ${JSON.stringify(fields)}: ${reason}`, async () => {
        const failure = await failureOf(vault(), podWithSecrets({ secrets: [fields] }), 'Vault');
        expect(failure.code).to.equal('InvalidRequest');
        expect(failure.message).to.include(reason);
      });
    }
  });
});
