import { expect } from 'chai';
import { MountRequirement, secretRequest, type SecretRequest } from '../../../core/secret/secret-request.js';
import { encodeFlyteBase32 } from '../../../core/wire/flyte-base32.js';
import { SecretAnnotationError } from '../../../core/wire/secret-annotation-error.js';
import {
  INJECT_SECRETS_LABEL,
  INJECT_SECRETS_LABEL_VALUE,
  MAX_ENCODED_SECRET_BYTES,
  SECRET_ANNOTATION_PREFIX,
  compareSecretAnnotationKeys,
  decodeSecretAnnotations,
  encodeSecret,
  encodeSecretAnnotations,
  isSecretAnnotation,
} from '../../../core/wire/secret-annotations.js';
import { WireFormatError } from '../../../core/wire/wire-format-error.js';
import { randomSecret, seededRandom } from './random-secrets.js';

const base32OfText = (text: string): string => encodeFlyteBase32(new TextEncoder().encode(text));

// The vectors from flytepropeller/pkg/utils/secrets/marshaler_test.go.
const FORBIDDEN_CHARACTERS = secretRequest({ group: ";':/\\" });
const FORBIDDEN_CHARACTERS_ENCODED = 'm4zg54lqhiqceozhhixvyxbcbi';
const WITHOUT_GROUP = secretRequest({ key: 'my_key' });
const WITHOUT_GROUP_ENCODED = 'nnsxsoraejwxsx2lmv3secq';

function catchAnnotationError(annotations: Record<string, unknown>): SecretAnnotationError {
  try {
    decodeSecretAnnotations(annotations as Record<string, string>);
  } catch (error) {
    expect(error).to.be.instanceOf(SecretAnnotationError);
    expect(error).to.be.instanceOf(WireFormatError);
    return error as SecretAnnotationError;
  }
  expect.fail('decodeSecretAnnotations did not throw');
}

describe('SECRET_ANNOTATION_PREFIX, INJECT_SECRETS_LABEL, INJECT_SECRETS_LABEL_VALUE and MAX_ENCODED_SECRET_BYTES', () => {
  describe('when compared with Flyte', () => {
    it("should match Flyte's names", () => {
      expect(SECRET_ANNOTATION_PREFIX).to.equal('flyte.secrets/s');
      expect(INJECT_SECRETS_LABEL).to.equal('inject-flyte-secrets');
      expect(INJECT_SECRETS_LABEL_VALUE).to.equal('true');
      expect(MAX_ENCODED_SECRET_BYTES).to.equal(262144);
    });
  });
});

describe('isSecretAnnotation', () => {
  describe('when given annotation keys', () => {
    it('should accept keys with the prefix and nothing else', () => {
      expect(isSecretAnnotation('flyte.secrets/s0')).to.equal(true);
      expect(isSecretAnnotation('flyte.secrets/sfoo')).to.equal(true);
      expect(isSecretAnnotation('flyte.secrets/x0')).to.equal(false);
      expect(isSecretAnnotation('Flyte.secrets/s0')).to.equal(false);
      expect(isSecretAnnotation('example.com/flyte.secrets/s0')).to.equal(false);
    });
  });
});

describe('encodeSecret', () => {
  describe("when given Flyte's test secrets", () => {
    it('should produce the annotation values Flyte produces', () => {
      expect(encodeSecret(FORBIDDEN_CHARACTERS)).to.equal(FORBIDDEN_CHARACTERS_ENCODED);
      expect(encodeSecret(WITHOUT_GROUP)).to.equal(WITHOUT_GROUP_ENCODED);
    });
  });

  describe('when the encoded value reaches the size limit', () => {
    // key: "<n bytes>"\n is n + 8 bytes, whose base32 is ceil((n + 8) * 8 / 5) characters.
    it('should accept a value of exactly MAX_ENCODED_SECRET_BYTES', () => {
      expect(encodeSecret(secretRequest({ key: 'k'.repeat(163832) }))).to.have.length(MAX_ENCODED_SECRET_BYTES);
    });
    it('should refuse a longer value with SecretTooLarge', () => {
      expect(() => encodeSecret(secretRequest({ key: 'k'.repeat(163833) })))
        .to.throw(WireFormatError, 'encoded secret is 262146 bytes (accepted: at most 262144')
        .with.property('code', 'SecretTooLarge');
    });
  });

  describe('when the mount requirement is unknown', () => {
    it('should refuse it with InvalidMountRequirement', () => {
      expect(() => encodeSecret(secretRequest({ key: 'k', mountRequirement: 3 as MountRequirement })))
        .to.throw(WireFormatError, 'mount requirement "3" cannot be encoded')
        .with.property('code', 'InvalidMountRequirement');
    });
  });
});

describe('encodeSecretAnnotations', () => {
  describe('when given a list of secrets', () => {
    it('should key them flyte.secrets/s0, s1, ... in list order', () => {
      expect(encodeSecretAnnotations([FORBIDDEN_CHARACTERS, WITHOUT_GROUP])).to.deep.equal({
        'flyte.secrets/s0': FORBIDDEN_CHARACTERS_ENCODED,
        'flyte.secrets/s1': WITHOUT_GROUP_ENCODED,
      });
    });
    it('should use decimal indexes past 9', () => {
      const annotations = encodeSecretAnnotations(Array.from({ length: 12 }, () => WITHOUT_GROUP));
      expect(Object.keys(annotations)).to.deep.equal(Array.from({ length: 12 }, (_, i) => `flyte.secrets/s${i}`));
    });
  });

  describe('when given no secrets', () => {
    it('should return no annotations', () => {
      expect(encodeSecretAnnotations([])).to.deep.equal({});
    });
  });
});

describe('decodeSecretAnnotations', () => {
  describe("when given Flyte's test annotations", () => {
    it('should decode them and name their source', () => {
      expect(decodeSecretAnnotations({ 'flyte.secrets/s0': FORBIDDEN_CHARACTERS_ENCODED, 'flyte.secrets/s1': WITHOUT_GROUP_ENCODED })).to.deep.equal([
        { ...FORBIDDEN_CHARACTERS, source: 'flyte.secrets/s0' },
        { ...WITHOUT_GROUP, source: 'flyte.secrets/s1' },
      ]);
    });
  });

  describe('when there are no annotations', () => {
    it('should return an empty list', () => {
      expect(decodeSecretAnnotations(undefined)).to.deep.equal([]);
      expect(decodeSecretAnnotations({})).to.deep.equal([]);
    });
  });

  describe('when other annotations are present', () => {
    it('should ignore them, even if their values are not base32', () => {
      expect(decodeSecretAnnotations({ 'kubectl.kubernetes.io/restartedAt': 'NOT BASE32!', 'flyte.secrets/s0': WITHOUT_GROUP_ENCODED })).to.deep.equal([
        { ...WITHOUT_GROUP, source: 'flyte.secrets/s0' },
      ]);
    });
  });

  describe('when round-tripping generated secrets', () => {
    it('should return 300 secrets exactly, in index order', () => {
      const random = seededRandom(7);
      const secrets: SecretRequest[] = Array.from({ length: 300 }, () => randomSecret(random));
      const decoded = decodeSecretAnnotations(encodeSecretAnnotations(secrets));
      expect(decoded).to.deep.equal(secrets.map((secret, i) => ({ ...secret, source: `flyte.secrets/s${i}` })));
    });
    it('should keep every mount type and all-empty secrets', () => {
      const secrets = [secretRequest({}), secretRequest({ mountRequirement: MountRequirement.ENV_VAR }), secretRequest({ group: 'g', key: 'k', mountRequirement: MountRequirement.FILE })];
      expect(decodeSecretAnnotations(encodeSecretAnnotations(secrets)).map((s) => s.mountRequirement)).to.deep.equal([0, 1, 2]);
      expect(encodeSecret(secretRequest({}))).to.equal('');
    });
  });

  describe('when annotation suffixes need ordering', () => {
    it('should put numeric suffixes in numeric order and the rest after them in string order', () => {
      const keys = ['s10', 'sb', 's2', 's', 's0', 'sa', 's1', 's9', 's-1'].map((suffix) => `flyte.secrets/${suffix}`);
      const annotations = Object.fromEntries(keys.map((key) => [key, WITHOUT_GROUP_ENCODED]));
      expect(decodeSecretAnnotations(annotations).map((secret) => secret.source)).to.deep.equal(['s0', 's1', 's2', 's9', 's10', 's', 's-1', 'sa', 'sb'].map((suffix) => `flyte.secrets/${suffix}`));
    });
    it('should order long and zero-padded numbers without losing precision', () => {
      const keys = ['flyte.secrets/s100000000000000000001', 'flyte.secrets/s100000000000000000000', 'flyte.secrets/s01', 'flyte.secrets/s1', 'flyte.secrets/s00'];
      expect([...keys].sort(compareSecretAnnotationKeys)).to.deep.equal([
        'flyte.secrets/s00',
        'flyte.secrets/s01',
        'flyte.secrets/s1',
        'flyte.secrets/s100000000000000000000',
        'flyte.secrets/s100000000000000000001',
      ]);
    });
  });

  describe('when any two keys are compared', () => {
    // The rule as first written, with slices and regular expressions: the comparison reads in place now.
    const reference = (a: string, b: string): number => {
      const [suffixA, suffixB] = [a.slice(SECRET_ANNOTATION_PREFIX.length), b.slice(SECRET_ANNOTATION_PREFIX.length)];
      const [numericA, numericB] = [/^[0-9]+$/.test(suffixA), /^[0-9]+$/.test(suffixB)];
      if (numericA !== numericB) return numericA ? -1 : 1;
      if (numericA) {
        const [digitsA, digitsB] = [suffixA.replace(/^0+(?=.)/, ''), suffixB.replace(/^0+(?=.)/, '')];
        if (digitsA.length !== digitsB.length) return digitsA.length - digitsB.length;
        if (digitsA !== digitsB) return digitsA < digitsB ? -1 : 1;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    };

    it('should order them as the rule says: numbers first by value, then code-unit order', () => {
      const random = seededRandom(21);
      const pieces = ['0', '00', '1', '9', '10', '007', '٣', 'a', '-', ' ', 'é', ''];
      const suffix = (): string => Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]!).join('');
      for (let run = 0; run < 2000; run++) {
        const [a, b] = [`${SECRET_ANNOTATION_PREFIX}${suffix()}`, `${SECRET_ANNOTATION_PREFIX}${suffix()}`];
        expect(Math.sign(compareSecretAnnotationKeys(a, b)), `${a} against ${b}`).to.equal(Math.sign(reference(a, b)));
      }
    });
  });

  describe('when an annotation is not Flyte base32', () => {
    it('should name the annotation, the character and what is accepted', () => {
      const error = catchAnnotationError({ 'flyte.secrets/s0': WITHOUT_GROUP_ENCODED, 'flyte.secrets/s1': 'abcd=efg' });
      expect(error.annotation).to.equal('flyte.secrets/s1');
      expect(error.code).to.equal('InvalidBase32');
      expect(error.name).to.equal('SecretAnnotationError');
      expect(error.message).to.match(/^annotation "flyte\.secrets\/s1": not Flyte base32 \(character "=" at 4; accepted: a-z and 1-6/);
      expect(error.message).to.include('value "abcd=efg"');
    });
    it('should quote a long raw value only in part', () => {
      const value = `${'a'.repeat(1000)}A`;
      const error = catchAnnotationError({ 'flyte.secrets/s0': value });
      expect(error.message).to.include('character "A" at 1000');
      expect(error.message).to.include('(1001 characters)');
      expect(error.message.length).to.be.below(400);
    });
  });

  describe('when an annotation decodes to invalid secret text', () => {
    it('should name the annotation and the text problem', () => {
      const error = catchAnnotationError({ 'flyte.secrets/s3': base32OfText('key: "k"\ngrop: "x"\n') });
      expect(error.annotation).to.equal('flyte.secrets/s3');
      expect(error.code).to.equal('InvalidSecretText');
      expect(error.message).to.equal(
        'annotation "flyte.secrets/s3": secret text is invalid at line 2, column 1: unknown field "grop" in core.Secret ' + '(accepted fields: group, group_version, key, mount_requirement, env_var)',
      );
      expect(error.cause).to.be.instanceOf(WireFormatError);
    });
    it('should keep the InvalidMountRequirement code', () => {
      const error = catchAnnotationError({ 'flyte.secrets/s0': base32OfText('mount_requirement: 5\n') });
      expect(error.code).to.equal('InvalidMountRequirement');
      expect(error.message).to.include('annotation "flyte.secrets/s0": ');
      expect(error.message).to.include('"5" is not a known mount type');
    });
    it('should not echo a string value from the text', () => {
      const error = catchAnnotationError({ 'flyte.secrets/s0': base32OfText('key: "private-name\n') });
      expect(error.message).to.include('unterminated string');
      expect(error.message).not.to.include('private-name');
    });
  });

  describe('when an annotation value is not a string', () => {
    it('should throw InvalidAnnotationValue naming the annotation', () => {
      const error = catchAnnotationError({ 'flyte.secrets/s0': 42 });
      expect(error.code).to.equal('InvalidAnnotationValue');
      expect(error.message).to.equal('annotation "flyte.secrets/s0": value is number, not a string (accepted: a Flyte base32 string)');
    });
  });
});
