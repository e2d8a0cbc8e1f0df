import { expect } from 'chai';
import { makeParentCommand, openToWorkloadCommand } from '../../../core/index.js';
import { directoriesBelowSecretsDir } from '../../../core/pod/secret-file-commands.js';

describe('directoriesBelowSecretsDir, makeParentCommand and openToWorkloadCommand', () => {
  describe('when the file is nested below /etc/flyte/secrets', () => {
    it('should make and open every directory between, quoted', () => {
      expect(directoriesBelowSecretsDir('/etc/flyte/secrets/a/b/file')).to.deep.equal(['/etc/flyte/secrets/a', '/etc/flyte/secrets/a/b']);
      expect(makeParentCommand("/etc/flyte/secrets/it's/file")).to.equal(`mkdir -p '/etc/flyte/secrets/it'\\''s'`);
      expect(openToWorkloadCommand('/etc/flyte/secrets/a/file')).to.equal("chmod a+rX '/etc/flyte/secrets/a' '/etc/flyte/secrets/a/file'");
    });
  });

  describe('when the file is directly in /etc/flyte/secrets', () => {
    it('should make nothing and open only the file', () => {
      expect(makeParentCommand('/etc/flyte/secrets/file')).to.equal(undefined);
      expect(openToWorkloadCommand('/etc/flyte/secrets/file')).to.equal("chmod a+rX '/etc/flyte/secrets/file'");
    });
  });

  describe('when the file is elsewhere', () => {
    it('should throw', () => {
      expect(() => directoriesBelowSecretsDir('/tmp/file')).to.throw('is not under /etc/flyte/secrets');
    });
  });
});
