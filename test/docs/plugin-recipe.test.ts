import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { myModule } from '../../docs/recipes/fetched-file-backend.js';
import { MountRequirement } from '../../core/index.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { admit, admitAndCheck } from '../support/admit.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { repoPath } from '../support/repo-path.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';

const RECIPE = 'docs/recipes/fetched-file-backend.ts';

type Spec = { initContainers: { name: string; image: string; command: string[]; env: { name: string; value?: string }[] }[]; containers: { env: { name: string; value?: string }[] }[] };

describe("docs/plugins.md's recipe (a backend whose init container fetches the secret)", () => {
  describe('when the page is read', () => {
    it(`should quote ${RECIPE} whole, as the build compiles it`, () => {
      const blocks = [...readFileSync(repoPath('docs/plugins.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
      const quoted = blocks.filter((block) => block.startsWith(`// ${RECIPE}:`));
      expect(quoted, `code blocks that start with "// ${RECIPE}:"`).to.have.length(1);
      expect(quoted[0]).to.equal(readFileSync(repoPath(RECIPE), 'utf8'));
    });
  });

  describe('when its module is loaded and selected', () => {
    const podsecrets = () => createTestPodsecrets({ modules: [...pluginModules, myModule], config: { webhook: { secretManagerType: 'Mine' } } });

    it('should deliver a FILE secret through one fetching init container, in a pod the API server accepts that a second pass leaves alone', async () => {
      const pod = await admitAndCheck(podsecrets().handler, podWithSecrets({ secrets: [{ group: 'db', key: 'Password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' }] }));
      const spec = pod['spec'] as Spec;
      const [fetcher, ...others] = spec.initContainers;
      expect(others).to.deep.equal([]);
      expect([fetcher?.name.startsWith('my-fetch-'), fetcher?.image]).to.deep.equal([true, 'registry.local/fetch:1']);
      expect(fetcher?.env).to.deep.include({ name: 'URL', value: 'https://secrets.internal/db/Password' });
      expect(fetcher?.command.join(' ')).to.include('wget -q -O "$PODSECRETS_SECRET_FILE" "$URL"');
      expect(spec.containers[0]?.env).to.deep.include({ name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db/password' });
    });

    it('should refuse a group that is not a plain name, and an env var, with typed errors', async () => {
      const denial = async (secret: Record<string, unknown>) => (await admit(podsecrets().handler, podWithSecrets({ secrets: [secret] }))).response.status?.message ?? '';
      expect(await denial({ group: '..', key: 'passwd', mountRequirement: MountRequirement.FILE })).to.include(`Mine: [InvalidRequest] group ".." is not a plain name`);
      expect(await denial({ group: 'db', key: 'password', mountRequirement: MountRequirement.ENV_VAR })).to.include('Mine: [UnsupportedMount]');
    });
  });
});
