import { expect } from 'chai';
import { MountRequirement, secretRequest, type SecretRequest } from '../../../core/secret/secret-request.js';
import { formatReadableSecret, parseReadableSecret } from '../../../core/wire/readable-secret-format.js';
import { WireFormatError, WireFormatErrorCode } from '../../../core/wire/wire-format-error.js';
import { randomSecret, seededRandom } from './random-secrets.js';

function refusal(text: string): WireFormatError {
  try {
    parseReadableSecret(text);
  } catch (error) {
    expect(error).to.be.instanceOf(WireFormatError);
    expect((error as WireFormatError).code).to.equal(WireFormatErrorCode.InvalidReadableSecret);
    return error as WireFormatError;
  }
  return expect.fail(`parseReadableSecret(${JSON.stringify(text)}) did not throw`);
}

describe('parseReadableSecret', () => {
  describe('when every field is given', () => {
    it('should fill the request field for field', () => {
      expect(parseReadableSecret('group=db,groupVersion=v2,key=password,mount=file,envVar=DB_PASSWORD_FILE')).to.deep.equal({
        group: 'db',
        groupVersion: 'v2',
        key: 'password',
        mountRequirement: MountRequirement.FILE,
        envVar: 'DB_PASSWORD_FILE',
      });
    });
  });

  describe('when fields are left out', () => {
    it("should give them Flyte's zero values, mount any", () => {
      expect(parseReadableSecret('key=api-token')).to.deep.equal(secretRequest({ key: 'api-token' }));
      expect(parseReadableSecret('group=gcp-project')).to.deep.equal(secretRequest({ group: 'gcp-project' }));
    });
  });

  describe('when the mount is spelled in different ways', () => {
    it('should accept any, env, env_var and file in any case', () => {
      const mounts = ['any', 'ANY', 'env', 'Env', 'env_var', 'ENV_VAR', 'file', 'FILE'].map((mount) => parseReadableSecret(`key=k,mount=${mount}`).mountRequirement);
      expect(mounts).to.deep.equal([0, 0, 1, 1, 1, 1, 2, 2]);
    });
  });

  describe('when the text has blanks around names and values', () => {
    it('should ignore them, as a YAML folded value leaves them', () => {
      expect(parseReadableSecret(' group = db ,\n key=password,\tmount = file ')).to.deep.equal(secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }));
    });
  });

  describe('when values hold special characters', () => {
    it('should take "=" after the first one literally', () => {
      expect(parseReadableSecret('key=a=b==').key).to.equal('a=b==');
    });

    it('should read \\, \\= \\\\ and escaped blanks literally', () => {
      expect(parseReadableSecret('group=a\\,b\\=c\\\\d,key=\\ padded\\ ')).to.deep.equal(secretRequest({ group: 'a,b=c\\d', key: ' padded ' }));
    });

    it('should keep characters outside ASCII as they are', () => {
      expect(parseReadableSecret('group=café,key=密码😀').key).to.equal('密码😀');
    });
  });

  describe('when the text is not the readable form', () => {
    it('should refuse empty text and say what is accepted', () => {
      expect(refusal('  ').message).to.equal('is empty (accepted: name=value fields separated by commas, e.g. group=db,key=password,mount=file)');
    });

    it('should refuse an unknown field, listing the known ones', () => {
      expect(refusal('grop=db,key=k').message).to.equal('unknown field "grop" (accepted: group, groupVersion, key, mount, envVar)');
    });

    it('should refuse the protobuf spelling of a field as unknown', () => {
      expect(refusal('key=k,env_var=X').message).to.equal('unknown field "env_var" (accepted: group, groupVersion, key, mount, envVar)');
    });

    it('should refuse a field given twice', () => {
      expect(refusal('key=a,key=b').message).to.equal('field "key" is given twice (accepted: each field at most once)');
    });

    it('should refuse a field without "="', () => {
      expect(refusal('group=db,password').message).to.equal('field "password" has no "=" (accepted: name=value, e.g. key=password)');
    });

    it('should refuse a stray comma', () => {
      expect(refusal('group=db,,key=k').message).to.match(/^field 2 is empty \(a stray comma\?/);
      expect(refusal('group=db,key=k,').message).to.match(/^field 3 is empty/);
    });

    it('should refuse a field without a name', () => {
      expect(refusal('=db').message).to.equal('field 1 has no name (accepted: group, groupVersion, key, mount, envVar)');
    });

    it('should refuse an empty value', () => {
      expect(refusal('group=,key=k').message).to.equal('field "group" is empty (accepted: a value, or leave the field out to leave it unset)');
    });

    it('should refuse an unknown mount, naming the field and the accepted words', () => {
      expect(refusal('key=k,mount=envvar').message).to.equal('field "mount": "envvar" is not a mount requirement (accepted: any, env (or env_var), file; any case)');
    });

    it('should refuse a request with neither group nor key', () => {
      expect(refusal('mount=file,envVar=X').message).to.match(/^names neither a group nor a key \(accepted: at least one of group=\.\.\., key=\.\.\./);
    });

    it('should refuse an unknown escape and a lone backslash', () => {
      expect(refusal('key=a\\nb').message).to.equal('"\\n" at character 6 is not an escape (accepted after "\\": , = \\ or a space, tab or line break)');
      expect(refusal('key=ab\\').message).to.match(/^ends with a lone backslash/);
    });
  });
});

describe('formatReadableSecret', () => {
  describe('when given a request', () => {
    it('should write the set fields in order, leaving out mount any', () => {
      expect(formatReadableSecret(secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' }))).to.equal(
        'group=db,key=password,mount=file,envVar=DB_PASSWORD_FILE',
      );
      expect(formatReadableSecret(secretRequest({ key: 'k', groupVersion: 'v1' }))).to.equal('groupVersion=v1,key=k');
      expect(formatReadableSecret(secretRequest({ key: 'k', mountRequirement: MountRequirement.ENV_VAR }))).to.equal('key=k,mount=env');
    });

    it('should escape commas, backslashes and blanks at either end only', () => {
      expect(formatReadableSecret(secretRequest({ group: ' a, b\\c ', key: 'x=y' }))).to.equal('group=\\ a\\, b\\\\c\\ ,key=x=y');
    });
  });

  describe('when the request cannot be written', () => {
    it('should refuse a request with neither group nor key', () => {
      expect(() => formatReadableSecret(secretRequest({ envVar: 'X' }))).to.throw(WireFormatError, 'names neither a group nor a key');
    });

    it('should refuse an unknown mount requirement', () => {
      const secret = { ...secretRequest({ key: 'k' }), mountRequirement: 7 as MountRequirement };
      expect(() => formatReadableSecret(secret)).to.throw(WireFormatError, 'mount requirement "7" cannot be written');
    });
  });

  describe('when round-tripping generated requests', () => {
    it('should read back 500 requests exactly, tricky characters included', () => {
      const random = seededRandom(20261129);
      const secrets: SecretRequest[] = [];
      while (secrets.length < 500) {
        const secret = randomSecret(random);
        if (secret.group !== '' || secret.key !== '') secrets.push(secret);
      }
      expect(secrets.map((secret) => parseReadableSecret(formatReadableSecret(secret)))).to.deep.equal(secrets);
    });
  });
});
