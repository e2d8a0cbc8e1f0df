import { expect } from 'chai';
import { isSecretVolumeNameOf, md5Hex, secretVolumeName } from '../../../core/index.js';

describe('isSecretVolumeNameOf', () => {
  describe('when the name is the Flyte base32 name of the group', () => {
    it('should accept it for any version, and refuse it for another group', () => {
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', 'v2'), 'db-creds')).to.equal(true);
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', ''), 'db-creds')).to.equal(true);
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', 'v2'), 'db')).to.equal(false);
    });
  });

  describe('when the name is the fallback "ps-" + md5(group)', () => {
    it('should accept it for that group only', () => {
      const group = 'a-very-long-secret-group-name-that-passes-the-limit.example.com';
      expect(secretVolumeName(group, 'v1')).to.equal(`ps-${md5Hex(group)}`);
      expect(isSecretVolumeNameOf(`ps-${md5Hex(group)}`, group)).to.equal(true);
      expect(isSecretVolumeNameOf(`ps-${md5Hex(group)}`, 'other')).to.equal(false);
    });
  });

  describe('when the name is neither', () => {
    it('should refuse it', () => {
      expect(isSecretVolumeNameOf('scratch', 'db-creds')).to.equal(false);
      expect(isSecretVolumeNameOf('ps-scratch', 'db-creds')).to.equal(false);
    });
  });
});
