import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import fc from 'fast-check';
import { shellQuote } from '../../../core/index.js';

/** What `sh` receives as arguments after parsing `words`. */
function shellArguments(words: string): string[] {
  const result = spawnSync('sh', ['-c', `set -- ${words}; for a in "$@"; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  expect(result.status, result.stderr).to.equal(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  describe('when given text with shell syntax', () => {
    const hostile = ['a b', "it's", "'; rm -rf / #", '$(id)', '`id`', '"$HOME"', 'a\nb', '\\', '', "''", '*', 'x;y|z&w>v<u'];
    for (const text of hostile) {
      it(`should make ${JSON.stringify(text)} one argument, unchanged`, () => {
        expect(shellArguments(`${shellQuote(text)} end`)).to.deep.equal([text, 'end']);
      });
    }

    it('should write a quote as close, escaped quote, reopen', () => {
      expect(shellQuote("it's")).to.equal(`'it'\\''s'`);
      expect(shellQuote('plain')).to.equal(`'plain'`);
    });
  });

  describe('when given any text without NUL', () => {
    it('should round-trip through sh', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.string({ unit: 'binary' }).filter((text) => !text.includes('\0')),
            { minLength: 1, maxLength: 4 },
          ),
          (texts) => {
            expect(shellArguments(texts.map(shellQuote).join(' '))).to.deep.equal(texts);
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('when the text holds NUL', () => {
    it('should refuse it, since no shell argument can hold one', () => {
      expect(() => shellQuote('a\0b')).to.throw('NUL');
    });
  });
});
