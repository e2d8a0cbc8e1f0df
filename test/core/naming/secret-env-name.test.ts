import { expect } from 'chai';
import { secretEnvVarName } from '../../../core/naming/secret-env-name.js';

describe('secretEnvVarName', () => {
  it('should be upper(prefix + group + "_" + key)', () => {
    expect(secretEnvVarName('_UNION_', { group: 'db-creds', key: 'password' })).to.equal('_UNION_DB-CREDS_PASSWORD');
    expect(secretEnvVarName('_fsec_', { group: 'g', key: 'k' })).to.equal('_FSEC_G_K');
  });

  it("should keep Flyte's bytes for characters that are not shell-safe", () => {
    expect(secretEnvVarName('_UNION_', { group: 'my-group', key: 'a.b' })).to.equal('_UNION_MY-GROUP_A.B');
  });

  it("should use Go's case mapping", () => {
    expect(secretEnvVarName('_UNION_', { group: 'straße', key: 'k' })).to.equal('_UNION_STRAßE_K');
  });

  it('should keep the separator when the group is empty', () => {
    expect(secretEnvVarName('P_', { group: '', key: 'k' })).to.equal('P__K');
  });
});
