import { expect } from 'chai';
import { MountRequirement, secretRequest } from '../../../core/secret/secret-request.js';
import { decodeReadableSecretAnnotations, encodeReadableSecretAnnotations, isReadableSecretAnnotation, READABLE_SECRET_ANNOTATION_PREFIX } from '../../../core/wire/readable-secret-annotations.js';
import { SecretAnnotationError } from '../../../core/wire/secret-annotation-error.js';
import { WireFormatErrorCode } from '../../../core/wire/wire-format-error.js';

function annotationError(annotations: Record<string, unknown>): SecretAnnotationError {
  try {
    decodeReadableSecretAnnotations(annotations as Record<string, string>);
  } catch (error) {
    expect(error).to.be.instanceOf(SecretAnnotationError);
    return error as SecretAnnotationError;
  }
  return expect.fail('decodeReadableSecretAnnotations did not throw');
}

describe('isReadableSecretAnnotation', () => {
  describe('when given annotation keys', () => {
    it('should accept keys with the prefix and nothing else', () => {
      expect(READABLE_SECRET_ANNOTATION_PREFIX).to.equal('secrets.podsecrets.io/');
      expect(isReadableSecretAnnotation('secrets.podsecrets.io/db')).to.equal(true);
      expect(isReadableSecretAnnotation('podsecrets.io/db')).to.equal(false);
      expect(isReadableSecretAnnotation('flyte.secrets/s0')).to.equal(false);
    });
  });
});

describe('decodeReadableSecretAnnotations', () => {
  describe('when a pod has readable annotations among others', () => {
    it('should decode them in name order, each tagged with its annotation', () => {
      const secrets = decodeReadableSecretAnnotations({
        'secrets.podsecrets.io/token': 'key=api-token,mount=env,envVar=API_TOKEN',
        'example.com/other': 'group=ignored',
        'secrets.podsecrets.io/db-password': 'group=db,key=password,mount=file',
        'secrets.podsecrets.io/Zed': 'key=zed',
      });
      expect(secrets).to.deep.equal([
        { ...secretRequest({ key: 'zed' }), source: 'secrets.podsecrets.io/Zed' },
        { ...secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }), source: 'secrets.podsecrets.io/db-password' },
        { ...secretRequest({ key: 'api-token', mountRequirement: MountRequirement.ENV_VAR, envVar: 'API_TOKEN' }), source: 'secrets.podsecrets.io/token' },
      ]);
    });
  });

  describe('when there are no annotations', () => {
    it('should return an empty list', () => {
      expect(decodeReadableSecretAnnotations(undefined)).to.deep.equal([]);
      expect(decodeReadableSecretAnnotations({ 'flyte.secrets/s0': 'x' })).to.deep.equal([]);
    });
  });

  describe('when a value is not the readable form', () => {
    it('should name the annotation, the field and what is accepted', () => {
      const error = annotationError({ 'secrets.podsecrets.io/db': 'group=db,key=password,mount=volume' });
      expect(error.annotation).to.equal('secrets.podsecrets.io/db');
      expect(error.code).to.equal(WireFormatErrorCode.InvalidReadableSecret);
      expect(error.message).to.equal('annotation "secrets.podsecrets.io/db": field "mount": "volume" is not a mount requirement (accepted: any, env (or env_var), file; any case)');
    });

    it('should report the first bad annotation in name order', () => {
      expect(annotationError({ 'secrets.podsecrets.io/b': 'nope', 'secrets.podsecrets.io/a': 'nope' }).annotation).to.equal('secrets.podsecrets.io/a');
    });
  });

  describe('when the name or the value type is wrong', () => {
    it('should refuse a name the API server would refuse', () => {
      const error = annotationError({ 'secrets.podsecrets.io/-db': 'key=k' });
      expect(error.message).to.equal(
        `annotation "secrets.podsecrets.io/-db": the name after "secrets.podsecrets.io/" must be 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
      expect(annotationError({ 'secrets.podsecrets.io/': 'key=k' }).code).to.equal(WireFormatErrorCode.InvalidReadableSecret);
    });

    it('should refuse a value that is not a string', () => {
      const error = annotationError({ 'secrets.podsecrets.io/db': 42 });
      expect(error.code).to.equal(WireFormatErrorCode.InvalidAnnotationValue);
      expect(error.message).to.match(/^annotation "secrets\.podsecrets\.io\/db": value is number, not a string/);
    });
  });
});

describe('encodeReadableSecretAnnotations', () => {
  describe('when given a list of secrets', () => {
    it('should name them so that name order is list order', () => {
      const secrets = Array.from({ length: 11 }, (_, index) => secretRequest({ key: `k${index}` }));
      const annotations = encodeReadableSecretAnnotations(secrets);
      expect(Object.keys(annotations).slice(0, 3)).to.deep.equal(['secrets.podsecrets.io/s00', 'secrets.podsecrets.io/s01', 'secrets.podsecrets.io/s02']);
      expect(decodeReadableSecretAnnotations(annotations).map(({ source: _source, ...secret }) => secret)).to.deep.equal(secrets);
    });

    it('should write one unpadded name for fewer than ten', () => {
      expect(encodeReadableSecretAnnotations([secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE })])).to.deep.equal({
        'secrets.podsecrets.io/s0': 'group=db,key=password,mount=file',
      });
    });
  });
});
