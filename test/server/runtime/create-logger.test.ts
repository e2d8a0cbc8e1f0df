import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createLogger } from '../../../server/runtime/create-logger.js';

describe('createLogger', () => {
  let directory: string;
  let file: string;
  const lines = (): Record<string, unknown>[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'podsecrets-logger-'));
    file = join(directory, 'log');
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  describe('when a line is logged', () => {
    it('should have written it by the time the call returns', () => {
      const logger = createLogger('info', file);
      logger.info({ uid: 'u1', outcome: 'mutated' }, 'admission answered');
      expect(lines()).to.have.length(1);
      expect(lines()[0]).to.include({ name: 'podsecrets', uid: 'u1', outcome: 'mutated', msg: 'admission answered' });
    });
  });

  describe('when a field is named like a credential', () => {
    it('should write the censor instead of its value, at the top level and one level down', () => {
      const logger = createLogger('info', file);
      logger.info({ value: 's1', token: 's2', password: 's3', secretValue: 's4', secret: { value: 's5', token: 's6', key: 'kept' } }, 'credentials');
      const [line] = lines();
      expect(line).to.deep.include({ value: '[redacted]', token: '[redacted]', password: '[redacted]', secretValue: '[redacted]' });
      expect(line?.['secret']).to.deep.equal({ value: '[redacted]', token: '[redacted]', key: 'kept' });
      expect(readFileSync(file, 'utf8')).not.to.match(/s[1-6]/);
    });
  });
});
