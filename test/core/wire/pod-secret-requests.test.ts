import { expect } from 'chai';
import { MountRequirement, secretRequest } from '../../../core/secret/secret-request.js';
import { decodePodSecretRequests, sameSecretRequest, secretRequestKey } from '../../../core/wire/pod-secret-requests.js';
import { encodeSecret } from '../../../core/wire/secret-annotations.js';

const DB_FILE = secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE });
const TOKEN_ENV = secretRequest({ key: 'token', mountRequirement: MountRequirement.ENV_VAR });

describe('decodePodSecretRequests', () => {
  describe('when a pod asks in both forms', () => {
    it("should put Flyte's annotations first in numeric order, then the readable ones in name order", () => {
      const requests = decodePodSecretRequests({
        'secrets.podsecrets.io/b': 'key=b',
        'flyte.secrets/s10': encodeSecret(secretRequest({ key: 's10' })),
        'secrets.podsecrets.io/a': 'key=a',
        'flyte.secrets/s2': encodeSecret(secretRequest({ key: 's2' })),
      });
      expect(requests.map((request) => [request.source, request.key])).to.deep.equal([
        ['flyte.secrets/s2', 's2'],
        ['flyte.secrets/s10', 's10'],
        ['secrets.podsecrets.io/a', 'a'],
        ['secrets.podsecrets.io/b', 'b'],
      ]);
    });
  });

  describe('when the same secret is asked both ways', () => {
    it('should keep it once, under the Flyte annotation', () => {
      const requests = decodePodSecretRequests({
        'secrets.podsecrets.io/db': 'group=db,key=password,mount=file',
        'flyte.secrets/s0': encodeSecret(DB_FILE),
        'flyte.secrets/s1': encodeSecret(TOKEN_ENV),
      });
      expect(requests).to.deep.equal([
        { ...DB_FILE, source: 'flyte.secrets/s0' },
        { ...TOKEN_ENV, source: 'flyte.secrets/s1' },
      ]);
    });
  });

  describe('when two requests differ in one field', () => {
    it('should keep both', () => {
      const requests = decodePodSecretRequests({ 'flyte.secrets/s0': encodeSecret(DB_FILE), 'secrets.podsecrets.io/db': 'group=db,key=password,mount=any' });
      expect(requests.map((request) => request.mountRequirement)).to.deep.equal([MountRequirement.FILE, MountRequirement.ANY]);
    });
  });

  describe('when two requests would read alike with their fields run together', () => {
    it('should keep both', () => {
      const requests = decodePodSecretRequests({
        'secrets.podsecrets.io/a': 'group=db,key=x,mount=any',
        'secrets.podsecrets.io/b': 'group=dbx,mount=any',
        'flyte.secrets/s0': encodeSecret(secretRequest({ group: 'db","x', key: '' })),
        'flyte.secrets/s1': encodeSecret(secretRequest({ group: 'db', key: '","' })),
      });
      expect(requests.map((request) => request.source)).to.deep.equal(['flyte.secrets/s0', 'flyte.secrets/s1', 'secrets.podsecrets.io/a', 'secrets.podsecrets.io/b']);
    });
  });
});

describe('secretRequestKey', () => {
  describe('when given requests that differ in any one field', () => {
    it('should give keys that differ, and equal keys for equal requests', () => {
      expect(secretRequestKey({ ...DB_FILE, source: 'a' } as typeof DB_FILE)).to.equal(secretRequestKey(DB_FILE));
      for (const field of ['group', 'groupVersion', 'key', 'envVar'] as const) {
        expect(secretRequestKey({ ...DB_FILE, [field]: 'other' }), field).to.not.equal(secretRequestKey(DB_FILE));
      }
      expect(secretRequestKey({ ...DB_FILE, mountRequirement: MountRequirement.ANY })).to.not.equal(secretRequestKey(DB_FILE));
    });
  });
});

describe('sameSecretRequest', () => {
  describe('when given two requests', () => {
    it('should compare the five fields and nothing else', () => {
      expect(sameSecretRequest({ ...DB_FILE, source: 'a' } as typeof DB_FILE, { ...DB_FILE, source: 'b' } as typeof DB_FILE)).to.equal(true);
      for (const field of ['group', 'groupVersion', 'key', 'envVar'] as const) {
        expect(sameSecretRequest(DB_FILE, { ...DB_FILE, [field]: 'other' }), field).to.equal(false);
      }
      expect(sameSecretRequest(DB_FILE, { ...DB_FILE, mountRequirement: MountRequirement.ANY })).to.equal(false);
    });
  });
});
