import { expect } from 'chai';
import { encodeFlyteBase32 } from '../../../core/wire/flyte-base32.js';
import { isDnsLabel } from '../../../core/naming/k8s-name-rules.js';
import { md5Hex } from '../../../core/naming/md5-hex.js';
import { isSecretVolumeNameOf, secretVolumeName } from '../../../core/naming/secret-volume-name.js';

describe('secretVolumeName', () => {
  describe('when the Flyte name fits in 63 characters', () => {
    it('should be b32(group + "_" + groupVersion), as Flyte names it', () => {
      expect(secretVolumeName('grOUP', '')).to.equal('m4ze5vkql3');
      expect(secretVolumeName('db-creds', '')).to.equal('mrrc1y2smvshgxy');
      expect(secretVolumeName('db-creds', 'v1')).to.equal('mrrc1y2smvshgx2wge');
    });

    it('should keep the Flyte name up to group and version of 38 bytes together', () => {
      const name = secretVolumeName('a'.repeat(30), 'v'.repeat(8));
      expect(name).to.have.length(63);
      expect(name.startsWith('ps-')).to.equal(false);
      expect(isDnsLabel(name)).to.equal(true);
    });
  });

  describe('when group and version exceed 38 bytes (Flyte would exceed 63 characters)', () => {
    it('should be "ps-" + md5(group), whatever the version', () => {
      const group = 'a'.repeat(30);
      expect(secretVolumeName(group, 'v'.repeat(9))).to.equal(`ps-${md5Hex(group)}`);
      expect(secretVolumeName(group, 'w'.repeat(40))).to.equal(`ps-${md5Hex(group)}`);
      expect(secretVolumeName('g'.repeat(253), '')).to.equal(`ps-${md5Hex('g'.repeat(253))}`);
    });

    it('should be a valid volume name', () => {
      expect(isDnsLabel(secretVolumeName('x'.repeat(253), 'y'.repeat(100)))).to.equal(true);
    });

    it('should count bytes, not characters', () => {
      // 19 two-byte characters: 38 bytes + "_" = 39 bytes still fit, one more does not.
      expect(secretVolumeName('é'.repeat(19), '')).to.have.length(63);
      expect(secretVolumeName('é'.repeat(19), 'x')).to.equal(`ps-${md5Hex('é'.repeat(19))}`);
    });
  });
});

describe('isSecretVolumeNameOf', () => {
  describe("when the name is podsecrets' volume for the group", () => {
    it('should say so for any version', () => {
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', ''), 'db-creds')).to.equal(true);
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', 'v2'), 'db-creds')).to.equal(true);
    });

    it('should say so for the fallback name', () => {
      const group = 'a'.repeat(40);
      expect(isSecretVolumeNameOf(secretVolumeName(group, 'v1'), group)).to.equal(true);
    });
  });

  describe('when the name belongs to another group', () => {
    it('should refuse it, including for a group that is a prefix of the other', () => {
      expect(isSecretVolumeNameOf(`ps-${md5Hex('a'.repeat(40))}`, 'other')).to.equal(false);
      expect(isSecretVolumeNameOf(secretVolumeName('db-creds', ''), 'db')).to.equal(false);
      expect(isSecretVolumeNameOf(secretVolumeName('db', ''), 'db-creds')).to.equal(false);
    });
  });

  describe('when the name is not Flyte base32 of UTF-8 text', () => {
    it('should refuse it', () => {
      expect(isSecretVolumeNameOf('my-secret-volume', 'db-creds')).to.equal(false);
      expect(isSecretVolumeNameOf('kube-api-access-x1z2', 'kube')).to.equal(false);
      // b32 of the single byte 0xff: not UTF-8.
      expect(isSecretVolumeNameOf('63', 'g')).to.equal(false);
    });

    it('should refuse it even for a group spelled with U+FFFD, which a lenient decoder puts for those bytes', () => {
      // b32 of 0xff '_': a volume the pod brought itself must not pass for the group "\uFFFD".
      const notUtf8 = encodeFlyteBase32(Uint8Array.of(0xff, 0x5f));
      expect(isSecretVolumeNameOf(notUtf8, '\uFFFD')).to.equal(false);
    });
  });
});
