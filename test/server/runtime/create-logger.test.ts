import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { AdmissionResult } from '../../../core/admission/admission-handler.js';
import { logAnswer } from '../../../server/runtime/admission-answer.js';
import { createLogger, unredacted } from '../../../server/runtime/create-logger.js';

// Every shape of answered admission logAnswer writes: allowed, allowed with warnings, denied.
const ANSWERS: readonly AdmissionResult[] = [
  { outcome: 'mutated', review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u1', allowed: true } } },
  { outcome: 'mutated', review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u2', allowed: true, warnings: ['w1', 'w2'] } } },
  {
    outcome: 'denied',
    review: {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'u3', allowed: false, status: { status: 'Failure', code: 400, reason: 'BadRequest', message: 'no backend' } },
    },
  },
];

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

  describe('when a logger is made unredacted', () => {
    const withoutTime = (line: Record<string, unknown>): Record<string, unknown> => ({ ...line, time: 0 });

    it('should write the admission lines exactly as the redacting logger does', () => {
      const logger = createLogger('info', file);
      for (const answer of ANSWERS) {
        logAnswer(logger, answer, 'team-a', 0.002);
        logAnswer(unredacted(logger), answer, 'team-a', 0.002);
      }
      const written = lines().map(withoutTime);
      expect(written).to.have.length(ANSWERS.length * 2);
      for (let index = 0; index < written.length; index += 2) expect(written[index + 1]).to.deep.equal(written[index]);
    });

    it('should write a field named like a credential as it is, so it serves fixed fields only', () => {
      const logger = createLogger('info', file);
      unredacted(logger).info({ value: 's1' }, 'credentials');
      expect(lines()[0]).to.include({ value: 's1', name: 'podsecrets' });
    });
  });
});
