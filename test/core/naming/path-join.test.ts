import { expect } from 'chai';
import fc from 'fast-check';
import { posix } from 'node:path';
import { cleanPath, joinPath } from '../../../core/naming/path-join.js';

/** Go's filepath.Join through Node: posix.join cleans the same way but keeps a trailing slash and gives '.' for nothing. */
function nodeJoin(elements: string[]): string {
  if (elements.every((element) => element === '')) return '';
  const joined = posix.join(...elements.filter((element) => element !== ''));
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

describe('joinPath', () => {
  describe('when every element is empty or there is none', () => {
    it('should return the empty string, as filepath.Join does', () => {
      expect(joinPath()).to.equal('');
      expect(joinPath('')).to.equal('');
      expect(joinPath('', '')).to.equal('');
    });
  });

  describe('when some elements are empty', () => {
    it('should ignore them', () => {
      expect(joinPath('', 'a')).to.equal('a');
      expect(joinPath('a', '')).to.equal('a');
      expect(joinPath('/etc/flyte/secrets', '', 'key')).to.equal('/etc/flyte/secrets/key');
    });
  });

  describe('when elements hold doubled or trailing slashes and dots', () => {
    it('should clean them', () => {
      expect(joinPath('a//b', 'c/')).to.equal('a/b/c');
      expect(joinPath('//a')).to.equal('/a');
      expect(joinPath('/a/b', '/c')).to.equal('/a/b/c');
      expect(joinPath('a/./b', '.')).to.equal('a/b');
      expect(joinPath('.')).to.equal('.');
    });
  });

  describe("when elements hold '..'", () => {
    it('should resolve them lexically and never climb above the root', () => {
      expect(joinPath('/etc/flyte/secrets', '..')).to.equal('/etc/flyte');
      expect(joinPath('/etc/flyte/secrets', '../../..', 'x')).to.equal('/x');
      expect(joinPath('/etc/flyte/secrets', '../../../../..')).to.equal('/');
      expect(joinPath('/', '..')).to.equal('/');
    });

    it('should keep leading .. of a relative path', () => {
      expect(joinPath('a', '..')).to.equal('.');
      expect(joinPath('a', '../..')).to.equal('..');
      expect(joinPath('..', 'a')).to.equal('../a');
      expect(joinPath('../..', '..', 'b')).to.equal('../../../b');
    });
  });
});

describe('joinPath', () => {
  describe("when given any elements made of /, ., .. and names (compared with Node's posix.join)", () => {
    it('should agree with posix.join once its trailing slash is dropped', () => {
      const part = fc.constantFrom('', '/', '.', '..', 'a', 'b', 'etc', '//', 'a/', '/b', '../', './');
      fc.assert(
        fc.property(
          fc.array(
            fc.array(part, { maxLength: 4 }).map((parts) => parts.join('')),
            { maxLength: 4 },
          ),
          (elements) => {
            expect(joinPath(...elements)).to.equal(nodeJoin(elements));
          },
        ),
        { numRuns: 2000, seed: 1129 },
      );
    });
  });
});

describe('cleanPath', () => {
  describe('when the path is empty or only the root', () => {
    it("should give '.' and '/', as path.Clean does", () => {
      expect(cleanPath('')).to.equal('.');
      expect(cleanPath('/')).to.equal('/');
      expect(cleanPath('///')).to.equal('/');
      expect(cleanPath('/../a/')).to.equal('/a');
    });
  });
});
