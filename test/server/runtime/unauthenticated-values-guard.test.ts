import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../config/config-error.js';
import { ServerSettings } from '../../../config/server-settings.js';
import { guardUnauthenticatedValues, plainTextValueReasons } from '../../../server/runtime/unauthenticated-values-guard.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';

const serverOf = (podsecrets: ReturnType<typeof createIsolatedPodsecrets>): ServerSettings => podsecrets.container.get<ServerSettings>(ServerSettings);

describe(guardUnauthenticatedValues.name, () => {
  const OWN_VALUES = { FLYTE_SECRET_VAULT_TOKEN: 'hvs.webhook-own-token' };

  describe('when Global holds values and server.clientCAFile is empty', () => {
    it('should refuse to start, naming both keys and where the values are, never a value', () => {
      const podsecrets = createIsolatedPodsecrets({}, OWN_VALUES);
      expect(() => guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger)).to.throw(
        ConfigError,
        /server\.clientCAFile is empty.*1 variable\(s\) named FLYTE_SECRET_\*.*server\.allowUnauthenticatedValues: true/s,
      );
      try {
        guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger);
      } catch (error) {
        expect((error as Error).message).not.to.include('hvs.');
      }
    });

    it('should start with a warning when server.allowUnauthenticatedValues is true', () => {
      const podsecrets = createIsolatedPodsecrets({ server: { allowUnauthenticatedValues: true } }, OWN_VALUES);
      guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger);
      expect(podsecrets.logger.lines).to.have.length(1);
      expect(JSON.parse(podsecrets.logger.lines[0] as string)).to.deep.include({
        level: 'warn',
        msg: 'server.allowUnauthenticatedValues is true and server.clientCAFile is empty: any caller that reaches the port receives secret values',
      });
    });
  });

  describe('when the secrets directory has an entry', () => {
    it('should count it as values to give', () => {
      const root = mkdtempSync(join(tmpdir(), 'podsecrets-guard-'));
      try {
        mkdirSync(join(root, 'db'));
        const podsecrets = createIsolatedPodsecrets({ secrets: { 'secrets-prefix': root } });
        expect(plainTextValueReasons(podsecrets)).to.deep.equal([`Global gives the webhook's own values to pods: 1 entry in ${root} (secrets.secrets-prefix)`]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('when server.clientCAFile is set', () => {
    it('should start without a word, since only holders of a certificate from that CA can ask', () => {
      const podsecrets = createIsolatedPodsecrets({ server: { clientCAFile: '/etc/podsecrets/client-ca.crt' } }, OWN_VALUES);
      guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger);
      expect(podsecrets.logger.lines).to.deep.equal([]);
    });
  });

  describe('when no answer can carry a value', () => {
    for (const [label, config, environment] of [
      ['Global holds nothing', {}, {}],
      ['Global holds values but is off (secrets.type: none)', { secrets: { type: 'none' } }, OWN_VALUES],
      ['Embedded delivers by secretRef', { webhook: { secretManagerType: 'Embedded' } }, {}],
    ] as const) {
      it(`should start without a word: ${label}`, () => {
        const podsecrets = createIsolatedPodsecrets(config, environment);
        guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger);
        expect(podsecrets.logger.lines).to.deep.equal([]);
      });
    }
  });

  describe('when Embedded delivers values in plain text', () => {
    it('should refuse to start, naming valueDelivery', () => {
      const podsecrets = createIsolatedPodsecrets({ webhook: { secretManagerType: 'Embedded', embeddedSecretManagerConfig: { valueDelivery: 'plainText' } } });
      expect(() => guardUnauthenticatedValues(podsecrets, serverOf(podsecrets), podsecrets.logger)).to.throw(ConfigError, 'webhook.embeddedSecretManagerConfig.valueDelivery is plainText');
    });

    it('should not count it while Embedded is not an enabled backend', () => {
      const podsecrets = createIsolatedPodsecrets({ webhook: { embeddedSecretManagerConfig: { valueDelivery: 'plainText' } } });
      expect(plainTextValueReasons(podsecrets)).to.deep.equal([]);
    });
  });
});
