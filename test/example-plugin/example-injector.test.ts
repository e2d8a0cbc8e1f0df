import { expect } from 'chai';
import { MountRequirement, secretRequest } from '../../core/index.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { admit, admitAndCheck } from '../support/admit.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { EXAMPLE_INIT_CONTAINER, ExampleSecretInjector } from './example-injector.js';
import { exampleModule } from './example-module.js';

function examplePodsecrets(example: Record<string, unknown> = {}) {
  return createTestPodsecrets({ modules: [...pluginModules, exampleModule], config: { webhook: { secretManagerType: 'Example', exampleSecretManager: example } } });
}

type Spec = { initContainers: { name: string; image: string; env: { name: string; value?: string }[] }[]; containers: { env: unknown[]; volumeMounts: unknown[] }[]; volumes: unknown[] };

describe(ExampleSecretInjector.name, () => {
  describe('when a pod asks for two files of one group', () => {
    it('should add one downloading init container listing both, and mount its volume read-only', async () => {
      const { handler } = examplePodsecrets({ image: 'registry.local/fetch:2' });
      const pod = await admitAndCheck(
        handler,
        podWithSecrets({
          secrets: [
            { group: 'db', key: 'Password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' },
            { group: 'db', key: 'user', mountRequirement: MountRequirement.ANY },
          ],
        }),
      );
      const spec = pod['spec'] as Spec;
      expect(spec.volumes).to.deep.equal([{ name: 'example-secrets', emptyDir: { medium: 'Memory' } }]);
      expect(spec.initContainers.map((container) => [container.name, container.image])).to.deep.equal([[EXAMPLE_INIT_CONTAINER, 'registry.local/fetch:2']]);
      expect(spec.initContainers[0]!.env.find((env) => env.name === 'SECRETS')?.value).to.equal('db/password db/Password\ndb/user db/user\n');
      expect(spec.containers[0]!.volumeMounts).to.deep.equal([{ name: 'example-secrets', mountPath: '/etc/flyte/secrets', readOnly: true }]);
      expect(spec.containers[0]!.env).to.deep.equal([
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
        { name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db/password' },
      ]);
    });
  });

  describe('when a pod asks for an env var', () => {
    it('should refuse it as UnsupportedMount, named in the denial', async () => {
      const { handler } = examplePodsecrets();
      const { response } = await admit(handler, podWithSecrets({ secrets: [secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.ENV_VAR })] }));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include('Example: [UnsupportedMount] the Example backend delivers files only (accepted: mount FILE or ANY; set envVar to get the path in a variable)');
    });
  });

  describe('when a group is not a plain name', () => {
    it('should refuse it as InvalidRequest, naming the value and what is accepted', async () => {
      const { handler } = examplePodsecrets();
      const { response } = await admit(handler, podWithSecrets({ secrets: [secretRequest({ group: '../etc', key: 'passwd', mountRequirement: MountRequirement.FILE })] }));
      expect(response.status?.message).to.include(`Example: [InvalidRequest] group "../etc" is not a plain name (accepted: letters, digits, '.', '_' and '-', not "." or "..")`);
    });
  });
});
