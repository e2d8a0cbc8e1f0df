import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlobalSecretsType } from '../../../plugins/global/global-config.js';
import { GlobalSecretSource } from '../../../plugins/global/global-secret-source.js';

describe(GlobalSecretSource.name, () => {
  let directory: string;
  let source: GlobalSecretSource;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'podsecrets-global-'));
    const settings = { 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type: 'local', allowedNamespaces: [] } as const;
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

  describe('plainTextValues', () => {
    const sourceWith = (environment: Record<string, string>, type: GlobalSecretsType = 'local') =>
      new GlobalSecretSource({ 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type, allowedNamespaces: [] }, environment);

    describe('when no variable has the prefix and the directory is absent or empty', () => {
      it('should say Global has nothing to give', () => {
        expect(sourceWith({ PATH: '/bin', FLYTE_SECRET_: 'prefix only' }).plainTextValues()).to.equal(undefined);
        mkdirSync(join(directory, 'secrets'));
        expect(sourceWith({}).plainTextValues()).to.equal(undefined);
      });
    });

    describe('when a variable has the prefix or the directory has an entry', () => {
      it('should name where the values are, never a value', () => {
        expect(sourceWith({ FLYTE_SECRET_A_B: 'hidden-value' }).plainTextValues()).to.equal("Global gives the webhook's own values to pods: 1 variable(s) named FLYTE_SECRET_* (secrets.env-prefix)");
        mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
        expect(sourceWith({}).plainTextValues()).to.equal(`Global gives the webhook's own values to pods: 1 entry in ${join(directory, 'secrets')} (secrets.secrets-prefix)`);
      });
    });

    describe('when secrets.type is none', () => {
      it('should say Global has nothing to give', () => {
        expect(sourceWith({ FLYTE_SECRET_A_B: 'v' }, 'none').plainTextValues()).to.equal(undefined);
      });
    });
  });
});
