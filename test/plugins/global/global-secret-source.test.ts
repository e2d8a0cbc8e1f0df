import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlobalSecretsType } from '../../../plugins/global/global-config.js';
import { GLOBAL_REFRESH_MS } from '../../../plugins/global/global-secret-snapshot.js';
import { GlobalSecretSource } from '../../../plugins/global/global-secret-source.js';

describe(GlobalSecretSource.name, () => {
  let directory: string;
  let source: GlobalSecretSource;
  let environment: Record<string, string>;
  let now = 0;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'podsecrets-global-'));
    const settings = { 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type: 'local', allowedNamespaces: [] } as const;
    environment = { FLYTE_SECRET_TEAM_TOKEN: 'from-env' };
    now = 0;
    source = new GlobalSecretSource(settings, environment, () => now);
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('when the variable is set', () => {
    it('should read it without looking at the files', () => {
      expect(source.read('team', 'token')).to.equal('from-env');
    });
  });

  describe('when the secrets directory does not exist', () => {
    it('should find nothing, and find the file once it exists and the refresh interval has passed', () => {
      expect(source.read('team', 'password')).to.equal(undefined);
      mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
      writeFileSync(join(directory, 'secrets', 'team', 'password'), 'from-file');
      now += GLOBAL_REFRESH_MS;
      expect(source.read('team', 'password')).to.equal('from-file');
    });
  });

  describe('when it holds no value at all (no variable with the prefix, no directory)', () => {
    it('should decline with one look at the clock and nothing else, and see a variable added after the interval', () => {
      const empty: Record<string, string> = { PATH: '/bin' };
      let looks = 0;
      const settings = { 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type: 'local', allowedNamespaces: [] } as const;
      const bare = new GlobalSecretSource(settings, empty, () => (looks++, now));
      bare.read('team', 'token');
      looks = 0;
      expect(bare.read('team', 'token')).to.equal(undefined);
      expect(looks, 'clock readings per secret').to.equal(1);
      empty['FLYTE_SECRET_TEAM_TOKEN'] = 'added';
      now += GLOBAL_REFRESH_MS;
      expect(bare.read('team', 'token')).to.equal('added');
    });
  });

  describe('when the group directory exists but the key does not', () => {
    it('should find nothing for that key and still read the others', () => {
      mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
      writeFileSync(join(directory, 'secrets', 'team', 'user'), 'alice');
      expect(source.read('team', 'password')).to.equal(undefined);
      expect(source.read('team', 'user')).to.equal('alice');
      expect(source.read('other', 'user')).to.equal(undefined);
    });
  });

  describe('when the files and variables change within the refresh interval', () => {
    it('should answer from what it read, without looking again, and see the change after the interval', () => {
      mkdirSync(join(directory, 'secrets', 'team'), { recursive: true });
      writeFileSync(join(directory, 'secrets', 'team', 'user'), 'alice');
      expect([source.read('team', 'user'), source.read('team', 'password'), source.read('team', 'token')]).to.deep.equal(['alice', undefined, 'from-env']);

      writeFileSync(join(directory, 'secrets', 'team', 'user'), 'bob');
      writeFileSync(join(directory, 'secrets', 'team', 'password'), 'added');
      environment['FLYTE_SECRET_TEAM_TOKEN'] = 'changed';
      now += GLOBAL_REFRESH_MS - 1;
      expect([source.read('team', 'user'), source.read('team', 'password'), source.read('team', 'token')]).to.deep.equal(['alice', undefined, 'from-env']);

      now += 1;
      expect([source.read('team', 'user'), source.read('team', 'password'), source.read('team', 'token')]).to.deep.equal(['bob', 'added', 'changed']);
      rmSync(join(directory, 'secrets'), { recursive: true });
      now += GLOBAL_REFRESH_MS;
      expect(source.read('team', 'user')).to.equal(undefined);
    });
  });

  describe('plainTextValues', () => {
    const sourceWith = (environment: Record<string, string>, type: GlobalSecretsType = 'local') =>
      new GlobalSecretSource({ 'secrets-prefix': join(directory, 'secrets'), 'env-prefix': 'FLYTE_SECRET_', type, allowedNamespaces: [] }, environment, () => now);

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
