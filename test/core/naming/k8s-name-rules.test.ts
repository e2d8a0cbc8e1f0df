import { expect } from 'chai';
import { MAX_DNS_LABEL_LENGTH, MAX_DNS_SUBDOMAIN_LENGTH, isDnsLabel, isDnsSubdomain, isEnvVarName, isSecretDataKey, isShellIdentifier } from '../../../core/naming/k8s-name-rules.js';

describe('MAX_DNS_LABEL_LENGTH and MAX_DNS_SUBDOMAIN_LENGTH', () => {
  describe('when compared with the API server', () => {
    it('should use its limits', () => {
      expect(MAX_DNS_LABEL_LENGTH).to.equal(63);
      expect(MAX_DNS_SUBDOMAIN_LENGTH).to.equal(253);
    });
  });
});

describe('isDnsLabel', () => {
  describe('when given a name', () => {
    it('should accept lower-case alphanumerics and inner dashes up to 63 characters', () => {
      expect(isDnsLabel('a')).to.equal(true);
      expect(isDnsLabel('0-a')).to.equal(true);
      expect(isDnsLabel('a'.repeat(63))).to.equal(true);
    });

    it('should refuse what the API server refuses', () => {
      for (const name of ['', 'a'.repeat(64), 'A', '-a', 'a-', 'a.b', 'a_b', 'a b', 'é']) {
        expect(isDnsLabel(name), name).to.equal(false);
      }
    });
  });
});

describe('isDnsSubdomain', () => {
  describe('when given a name', () => {
    it('should accept dot-separated labels up to 253 characters', () => {
      expect(isDnsSubdomain('db-creds')).to.equal(true);
      expect(isDnsSubdomain('a.b-c.d')).to.equal(true);
      expect(isDnsSubdomain(`${'a'.repeat(63)}.${'b'.repeat(189)}`)).to.equal(true);
    });

    it('should refuse upper case, underscores, empty labels and names over 253 characters', () => {
      for (const name of ['', 'My_Group', 'Ab', 'a..b', '.a', 'a.', 'a.-b', 'a'.repeat(254), 'a/b', 'a\nb']) {
        expect(isDnsSubdomain(name), JSON.stringify(name)).to.equal(false);
      }
    });
  });
});

describe('isSecretDataKey', () => {
  describe('when given a name', () => {
    it('should accept letters, digits, -, _ and . up to 253 characters', () => {
      for (const key of ['a', 'API_KEY', '.dotfile', 'a..b', 'tls.crt', 'x'.repeat(253)]) {
        expect(isSecretDataKey(key), key).to.equal(true);
      }
    });

    it("should refuse '.', '..', a '..' prefix, other characters and over 253 characters", () => {
      for (const key of ['', '.', '..', '..a', 'a/b', 'a b', 'ключ', 'x'.repeat(254), 'a\n']) {
        expect(isSecretDataKey(key), JSON.stringify(key)).to.equal(false);
      }
    });
  });
});

describe('isEnvVarName', () => {
  describe('when given a name', () => {
    it('should accept the names the API server accepted before 1.34', () => {
      for (const name of ['_UNION_MY-GROUP_KEY', 'a.b', '-x', 'FLYTE_SECRETS_FILE_PREFIX', '.a']) {
        expect(isEnvVarName(name), name).to.equal(true);
      }
    });

    it("should refuse a leading digit, other characters, '.', '..' and a '..' prefix", () => {
      for (const name of ['', '1A', 'A B', 'A=B', 'STRAßE', '.', '..', '..A']) {
        expect(isEnvVarName(name), name).to.equal(false);
      }
    });
  });
});

describe('isShellIdentifier', () => {
  describe('when given a name', () => {
    it('should accept C identifiers only', () => {
      expect(isShellIdentifier('_UNION_G_K')).to.equal(true);
      expect(isShellIdentifier('_UNION_MY-GROUP_K')).to.equal(false);
      expect(isShellIdentifier('1A')).to.equal(false);
    });
  });
});
