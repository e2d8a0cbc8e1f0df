import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlobalSecretSource } from '../../../plugins/global/global-secret-source.js';

describe(GlobalSecretSource.name, () => {
  let directory: string;
  let source: GlobalSecretSource;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'podsecrets-global-'));
    const settings = { 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type: 'local' } as const;
    source = new GlobalSecretSource(settings, { FLYTE_SECRET_TEAM_TOKEN: 'from-env' });
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('when the variable is set', () => {
    it('should read it without looking at the files', () => {
      expect(source.read('team', 'token', {})).to.equal('from-env');
    });
  });

  describe('when the secrets directory does not exist', () => {
    it('should find nothing, and find the file once it exists in a later admission', () => {
      const first = {};
      expect(source.read('team', 'password', first)).to.equal(undefined);
      mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
      writeFileSync(join(directory, 'secrets', 'team', 'password'), 'from-file');
      expect(source.read('team', 'password', {})).to.equal('from-file');
      expect(source.read('team', 'password')).to.equal('from-file');
    });
  });

  describe('when the group directory exists but the key does not', () => {
    it('should find nothing for that key and still read the others', () => {
      mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
      writeFileSync(join(directory, 'secrets', 'team', 'user'), 'alice');
      const admission = {};
      expect(source.read('team', 'password', admission)).to.equal(undefined);
      expect(source.read('team', 'user', admission)).to.equal('alice');
      expect(source.read('other', 'user', admission)).to.equal(undefined);
    });
  });
});
