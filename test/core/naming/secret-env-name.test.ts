import { expect } from 'chai';
import { secretEnvVarName } from '../../../core/naming/secret-env-name.js';

describe('secretEnvVarName', () => {
  describe('when group and key are plain names', () => {
    it('should be upper(prefix + group + "_" + key)', () => {
      expect(secretEnvVarName('_UNION_', { group: 'db-creds', key: 'password' })).to.equal('_UNION_DB-CREDS_PASSWORD');
      expect(secretEnvVarName('_fsec_', { group: 'g', key: 'k' })).to.equal('_FSEC_G_K');
    });
  });

  describe('when group or key hold characters a shell cannot expand', () => {
    it("should keep Flyte's bytes", () => {
      expect(secretEnvVarName('_UNION_', { group: 'my-group', key: 'a.b' })).to.equal('_UNION_MY-GROUP_A.B');
    });
  });

  describe('when the group is not ASCII', () => {
    it("should use Go's case mapping", () => {
      expect(secretEnvVarName('_UNION_', { group: 'straße', key: 'k' })).to.equal('_UNION_STRAßE_K');
    });
  });

  describe('when the group is empty', () => {
    it('should keep the separator', () => {
      expect(secretEnvVarName('P_', { group: '', key: 'k' })).to.equal('P__K');
    });
  });
});
