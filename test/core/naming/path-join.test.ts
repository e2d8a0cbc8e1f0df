import { expect } from 'chai';
import { cleanPath, joinPath } from '../../../core/naming/path-join.js';

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
