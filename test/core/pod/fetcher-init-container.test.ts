import { expect } from 'chai';
import { FETCHER_FILE_ENV, InjectionError, isDnsLabel, md5Hex } from '../../../core/index.js';
import { addFetcherInitContainer, fetcherInitContainerName } from '../../../core/pod/fetcher-init-container.js';
import { PodDraft } from '../../../core/pod/pod-draft.js';

const RESOURCES = { requests: { cpu: '1' }, limits: { cpu: '2' } };

describe('fetcherInitContainerName', () => {
  describe('when given a prefix and an identity', () => {
    it('should append 12 hex digits of the md5 of the identity, giving a DNS label', () => {
      const name = fetcherInitContainerName('aws-pull-secret', ['arn', 'file']);
      expect(name).to.equal(`aws-pull-secret-${md5Hex('["arn","file"]').slice(0, 12)}`);
      expect(isDnsLabel(name)).to.equal(true);
    });

    it('should tell identities apart even when their joined text is equal', () => {
      expect(fetcherInitContainerName('p', ['a', 'bc'])).to.not.equal(fetcherInitContainerName('p', ['ab', 'c']));
    });
  });

  describe('when the prefix cannot start a DNS label', () => {
    it('should throw, since that is a bug in the plugin', () => {
      expect(() => fetcherInitContainerName('Bad_Prefix', ['x'])).to.throw('is not a DNS label');
    });
  });
});

describe('addFetcherInitContainer', () => {
  describe('when the pod has init containers of its own', () => {
    it('should put fetchers in front of them, in the order added, and skip one already there', () => {
      const draft = new PodDraft({ spec: { containers: [{ name: 'main' }], initContainers: [{ name: 'user' }] } });
      const fetcher = { namePrefix: 'f', image: 'img', volumeName: 'v', mountPath: '/m', resources: RESOURCES };
      for (const identity of [['one'], ['two'], ['one']]) {
        const edit = draft.begin();
        addFetcherInitContainer(edit, { ...fetcher, identity, command: ['sh', '-ec', 'true'], filePath: `/m/${identity.join('')}` });
        draft.apply(edit);
      }
      const pod = draft.finish();
      expect(pod.spec.initContainers?.map((container) => container.name)).to.deep.equal([fetcherInitContainerName('f', ['one']), fetcherInitContainerName('f', ['two']), 'user']);
      expect(pod.spec.initContainers?.[0]).to.deep.equal({
        name: fetcherInitContainerName('f', ['one']),
        image: 'img',
        command: ['sh', '-ec', 'true'],
        env: [{ name: FETCHER_FILE_ENV, value: '/m/one' }],
        volumeMounts: [{ name: 'v', mountPath: '/m' }],
        resources: RESOURCES,
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      });
    });
  });

  describe('when another fetcher writes the same file, or a file the new one needs as a directory', () => {
    const fetcher = { namePrefix: 'f', image: 'img', volumeName: 'v', mountPath: '/m', resources: RESOURCES };
    for (const [first, second] of [
      ['/m/db', '/m/db'],
      ['/m/db', '/m/db/v2'],
      ['/m/db/v2', '/m/db'],
    ] as const) {
      it(`should refuse ${second} after ${first}, naming both`, () => {
        const draft = new PodDraft({ spec: { containers: [{ name: 'main' }] } });
        const edit = draft.begin();
        addFetcherInitContainer(edit, { ...fetcher, identity: ['a'], filePath: first });
        draft.apply(edit);
        expect(() => addFetcherInitContainer(draft.begin(), { ...fetcher, identity: ['b'], filePath: second })).to.throw(
          InjectionError,
          `this secret would be written to ${second}, where init container "${fetcherInitContainerName('f', ['a'])}" already writes ${first}`,
        );
      });
    }

    it('should accept a sibling file whose name only starts the same', () => {
      const draft = new PodDraft({ spec: { containers: [{ name: 'main' }] } });
      const edit = draft.begin();
      addFetcherInitContainer(edit, { ...fetcher, identity: ['a'], filePath: '/m/db' });
      draft.apply(edit);
      expect(() => addFetcherInitContainer(draft.begin(), { ...fetcher, identity: ['b'], filePath: '/m/db2' })).not.to.throw();
    });
  });
});
