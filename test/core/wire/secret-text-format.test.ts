import { expect } from 'chai';
import { MountRequirement, secretRequest, type SecretRequest } from '../../../core/secret/secret-request.js';
import { formatSecretText, parseSecretText } from '../../../core/wire/secret-text-format.js';
import { WireFormatError } from '../../../core/wire/wire-format-error.js';
import { randomSecret, seededRandom } from './random-secrets.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string): SecretRequest => parseSecretText(bytes(text));

function expectParseError(input: string | Uint8Array, code: string, ...fragments: string[]): WireFormatError {
  let caught: unknown;
  try {
    parseSecretText(typeof input === 'string' ? bytes(input) : input);
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(WireFormatError);
  const error = caught as WireFormatError;
  expect(error.code).to.equal(code);
  expect(error.message).to.match(/^secret text is invalid at line \d+, column \d+: /);
  for (const fragment of fragments) expect(error.message).to.include(fragment);
  return error;
}

describe('formatSecretText', () => {
  describe('when every field is set', () => {
    it('should write one line per field in field-number order', () => {
      const text = formatSecretText({ group: 'g', groupVersion: 'v1', key: 'k', mountRequirement: MountRequirement.FILE, envVar: 'E' });
      expect(text).to.equal('group: "g"\ngroup_version: "v1"\nkey: "k"\nmount_requirement: FILE\nenv_var: "E"\n');
    });
  });

  describe('when fields hold zero values', () => {
    it('should omit them and write nothing for the empty request', () => {
      expect(formatSecretText(secretRequest({}))).to.equal('');
      expect(formatSecretText(secretRequest({ key: 'k', mountRequirement: MountRequirement.ENV_VAR }))).to.equal('key: "k"\nmount_requirement: ENV_VAR\n');
    });
  });

  describe('when strings need escaping', () => {
    it('should escape only \\n \\r \\t " and \\ by name', () => {
      expect(formatSecretText(secretRequest({ key: 'a\nb\rc\td"e\\f\'g' }))).to.equal('key: "a\\nb\\rc\\td\\"e\\\\f\'g"\n');
    });
    it('should write printable ASCII as it is, from the space to the tilde', () => {
      expect(formatSecretText(secretRequest({ key: ' a ~' }))).to.equal('key: " a ~"\n');
    });
    it('should write other control bytes and DEL as three octal digits', () => {
      expect(formatSecretText(secretRequest({ key: '\0\x01\x1b\x7f\v' }))).to.equal('key: "\\000\\001\\033\\177\\013"\n');
    });
    it('should write each byte of multi-byte UTF-8 in octal', () => {
      expect(formatSecretText(secretRequest({ group: 'é€😀' }))).to.equal('group: "\\303\\251\\342\\202\\254\\360\\237\\230\\200"\n');
    });
    it("should reproduce Flyte's forbidden-characters text", () => {
      expect(formatSecretText(secretRequest({ group: ";':/\\" }))).to.equal('group: ";\':/\\\\"\n');
    });
  });

  describe('when the mount requirement is not a known enum value', () => {
    it('should throw InvalidMountRequirement naming the value and the accepted ones', () => {
      expect(() => formatSecretText(secretRequest({ mountRequirement: 7 as MountRequirement })))
        .to.throw(WireFormatError, 'mount requirement "7" cannot be encoded (accepted: ANY, ENV_VAR, FILE, or the numbers 0, 1, 2)')
        .with.property('code', 'InvalidMountRequirement');
    });
  });

  describe('when a string holds a lone surrogate', () => {
    it('should throw InvalidString naming the field', () => {
      expect(() => formatSecretText(secretRequest({ envVar: 'A\uD800B' })))
        .to.throw(WireFormatError, 'env_var "A\\ud800B" contains a lone UTF-16 surrogate')
        .with.property('code', 'InvalidString');
    });
  });
});

describe('parseSecretText', () => {
  describe('when given what formatSecretText writes', () => {
    it('should round-trip 500 generated secrets exactly', () => {
      const random = seededRandom(20240601);
      for (let i = 0; i < 500; i++) {
        const secret = randomSecret(random);
        const text = formatSecretText(secret);
        expect(text, JSON.stringify(secret)).to.match(/^[\x20-\x7e\n]*$/);
        expect(parseSecretText(bytes(text)), text).to.deep.equal(secret);
      }
    });
  });

  describe('when the input is empty or only whitespace and comments', () => {
    it('should return the all-zero request', () => {
      expect(parseSecretText(new Uint8Array())).to.deep.equal(secretRequest({}));
      expect(parse(' \t\r\n# nothing here\n  # nor here')).to.deep.equal(secretRequest({}));
    });
  });

  describe('when the input uses the tolerance golang/protobuf allows', () => {
    it('should accept single-quoted strings, with double quotes inside', () => {
      expect(parse(`key: 'a"b'`)).to.deep.equal(secretRequest({ key: 'a"b' }));
    });
    it('should skip comments to the end of the line', () => {
      expect(parse('# leading\nkey: "k" # trailing "x"\n#group: "no"\nenv_var: "E"')).to.deep.equal(secretRequest({ key: 'k', envVar: 'E' }));
    });
    it('should accept ";" and "," after fields and fields on one line without separators', () => {
      expect(parse('group: "g"; key: "k", env_var: "e" group_version: "v"')).to.deep.equal(secretRequest({ group: 'g', key: 'k', envVar: 'e', groupVersion: 'v' }));
    });
    it('should accept any whitespace between tokens, and no whitespace at all', () => {
      expect(parse('\t\r\n  key\t:\n  "x"  \r\n')).to.deep.equal(secretRequest({ key: 'x' }));
      expect(parse('key:"x"group:"g"')).to.deep.equal(secretRequest({ key: 'x', group: 'g' }));
    });
    it('should accept fields in any order', () => {
      expect(parse('env_var: "E" mount_requirement: FILE group: "g"')).to.deep.equal(secretRequest({ envVar: 'E', mountRequirement: MountRequirement.FILE, group: 'g' }));
    });
    it('should concatenate adjacent string literals, across lines and comments', () => {
      expect(parse(`key: "a" 'b'\n  # between\n  "c"`)).to.deep.equal(secretRequest({ key: 'abc' }));
    });
    it('should expand the C escapes', () => {
      expect(parse(String.raw`key: "\a\b\f\n\r\t\v\\\'\"\?"`)).to.deep.equal(secretRequest({ key: '\x07\b\f\n\r\t\v\\\'"?' }));
    });
    it('should expand three-digit octal escapes into bytes', () => {
      expect(parse(String.raw`key: "\101\102\000"`)).to.deep.equal(secretRequest({ key: 'AB\0' }));
      expect(parse(String.raw`key: "\303\251"`)).to.deep.equal(secretRequest({ key: 'é' }));
    });
    it('should take octal escapes from \\000 up to \\377, whatever the first digit', () => {
      expect(parseSecretText(bytes(String.raw`key: "\177\077\001"`)).key).to.equal('\x7f?\x01');
      expect(parseSecretText(bytes(String.raw`key: "\377"`)).key).to.equal('\uFFFD');
    });
    it('should expand two-digit hex escapes into bytes', () => {
      expect(parse(String.raw`key: "\x41\X42\xe2\x82\xAC"`)).to.deep.equal(secretRequest({ key: 'AB€' }));
    });
    it('should expand \\u and \\U escapes into UTF-8, surrogates becoming U+FFFD as in Go', () => {
      expect(parse(String.raw`key: "\u00e9\U0001F600\ud800"`)).to.deep.equal(secretRequest({ key: 'é😀\uFFFD' }));
    });
    it('should take \\U escapes up to U+10FFFF, the last code point', () => {
      expect(parse('key: "\\U0010FFFF"')).to.deep.equal(secretRequest({ key: '\u{10FFFF}' }));
    });
    it('should read raw UTF-8, tabs and carriage returns inside quotes as they are', () => {
      expect(parse('key: "é\t\r中"')).to.deep.equal(secretRequest({ key: 'é\t\r中' }));
    });
    it('should keep a leading byte-order mark that is part of a value', () => {
      expect(parse(String.raw`key: "\357\273\277x"`)).to.deep.equal(secretRequest({ key: '\uFEFFx' }));
    });
    it('should turn invalid UTF-8 in an escape-free literal into U+FFFD instead of failing', () => {
      const input = Uint8Array.from([...bytes('key: "a'), 0xff, ...bytes('b"')]);
      expect(parseSecretText(input)).to.deep.equal(secretRequest({ key: 'a\uFFFDb' }));
    });
    it('should read the mount requirement by name', () => {
      expect(parse('mount_requirement: ANY')).to.deep.equal(secretRequest({}));
      expect(parse('mount_requirement: ENV_VAR').mountRequirement).to.equal(MountRequirement.ENV_VAR);
      expect(parse('mount_requirement: FILE').mountRequirement).to.equal(MountRequirement.FILE);
    });
    it('should read the mount requirement as a Go integer literal', () => {
      expect(parse('mount_requirement: 2').mountRequirement).to.equal(MountRequirement.FILE);
      expect(parse('mount_requirement: 0x1').mountRequirement).to.equal(MountRequirement.ENV_VAR);
      expect(parse('mount_requirement: 01').mountRequirement).to.equal(MountRequirement.ENV_VAR);
      expect(parse('mount_requirement: +0b10').mountRequirement).to.equal(MountRequirement.FILE);
      expect(parse('mount_requirement: -0').mountRequirement).to.equal(MountRequirement.ANY);
    });
  });

  describe('when the input is something golang/protobuf refuses', () => {
    it('should refuse an unknown field and list the known ones', () => {
      expectParseError('grop: "x"', 'InvalidSecretText', 'line 1, column 1', 'unknown field "grop" in core.Secret', 'accepted fields: group, group_version, key, mount_requirement, env_var');
    });
    it('should refuse the JSON spelling of a field name and say which to write', () => {
      expectParseError('groupVersion: "v"', 'InvalidSecretText', 'unknown field "groupVersion"', 'write group_version, not groupVersion');
    });
    it('should refuse a quoted field name or a symbol where a name belongs', () => {
      expectParseError('"key": "x"', 'InvalidSecretText', 'expected a field name, found a quoted string');
      expectParseError('key: "x" : "y"', 'InvalidSecretText', 'column 10', 'expected a field name, found ":"');
    });
    it('should refuse extension syntax', () => {
      expectParseError('[foo.bar]: 1', 'InvalidSecretText', 'extension and Any fields');
    });
    it('should refuse a field given twice, as Go does', () => {
      expectParseError('key: "a"\nkey: "b"', 'InvalidSecretText', 'line 2, column 1', 'field key is given twice');
    });
    it('should refuse a missing colon', () => {
      expectParseError('key "x"', 'InvalidSecretText', 'column 5', 'expected ":" after field name key, found a quoted string', 'accepted: key: <value>');
      expectParseError('mount_requirement FILE', 'InvalidSecretText', 'found "FILE"');
      expectParseError('key', 'InvalidSecretText', 'found the end of the text');
    });
    it('should refuse another symbol where the colon belongs', () => {
      expectParseError('key ; "x"', 'InvalidSecretText', 'column 5', 'expected ":" after field name key, found ";"');
      expectParseError('key { "x" }', 'InvalidSecretText', 'found "{"');
    });
    it('should refuse a missing or unquoted string value', () => {
      expectParseError('key:', 'InvalidSecretText', 'field key expects a quoted string, found the end of the text');
      expectParseError('key: 12', 'InvalidSecretText', 'field key expects a quoted string, found "12"');
      expectParseError('key: my_key', 'InvalidSecretText', 'found "my_key"');
    });
    it('should refuse an unterminated string without echoing it', () => {
      const error = expectParseError('key: "secret-name', 'InvalidSecretText', 'column 6', 'unterminated string', 'double-quoted');
      expect(error.message).not.to.include('secret-name');
      expectParseError("key: 'a", 'InvalidSecretText', 'single-quoted');
    });
    it('should refuse a raw newline inside a string', () => {
      expectParseError('key: "a\nb"', 'InvalidSecretText', 'unterminated string');
    });
    it('should refuse an unknown escape', () => {
      expectParseError(String.raw`key: "a\qb"`, 'InvalidSecretText', 'column 8', 'escape \\q is unknown', 'accepted: \\a \\b');
      expectParseError('key: "\\é"', 'InvalidSecretText', 'escape \\é is unknown');
    });
    it('should list every escape it accepts when refusing one', () => {
      expectParseError(
        String.raw`key: "\q"`,
        'InvalidSecretText',
        String.raw`(accepted: \a \b \f \n \r \t \v \\ \' \" \?, \ooo (exactly 3 octal digits, at most \377), \xHH (exactly 2 hex digits), \uHHHH and \UHHHHHHHH)`,
      );
    });
    it('should refuse a punctuation escape that is neither C nor octal', () => {
      expectParseError(String.raw`key: "\!x"`, 'InvalidSecretText', 'escape \\! is unknown');
      expectParseError(String.raw`key: "\/x"`, 'InvalidSecretText', 'escape \\/ is unknown');
    });
    it('should show the whole character after the backslash of an unknown escape, whatever its UTF-8 length', () => {
      expectParseError('key: "\\éx"', 'InvalidSecretText', 'escape \\é is unknown');
      expectParseError('key: "\\ऄx"', 'InvalidSecretText', 'escape \\ऄ is unknown');
      expectParseError('key: "\\€x"', 'InvalidSecretText', 'escape \\€ is unknown');
      expectParseError('key: "\\😀x"', 'InvalidSecretText', 'escape \\😀 is unknown');
    });
    it('should quote an escape sequence that holds a control character', () => {
      expectParseError('key: "\\x\x01a"', 'InvalidSecretText', 'escape "\\\\x\\u0001a" needs exactly 2 hex digits');
      expectParseError('key: "\\x1\x01"', 'InvalidSecretText', 'escape "\\\\x1\\u0001" needs exactly 2 hex digits');
    });
    it('should refuse octal escapes that do not have exactly three digits up to \\377', () => {
      expectParseError(String.raw`key: "\0"`, 'InvalidSecretText', 'escape \\0 needs exactly 3 octal digits');
      expectParseError(String.raw`key: "\08x"`, 'InvalidSecretText', 'exactly 3 octal digits');
      expectParseError(String.raw`key: "\400"`, 'InvalidSecretText', 'escape \\400 is above \\377');
      expectParseError(String.raw`key: "\777"`, 'InvalidSecretText', 'escape \\777 is above \\377');
    });
    it('should refuse hex and unicode escapes with the wrong number of digits or out of range', () => {
      expectParseError(String.raw`key: "\x4"`, 'InvalidSecretText', 'escape \\x4 needs exactly 2 hex digits');
      expectParseError(String.raw`key: "\u12g4"`, 'InvalidSecretText', 'escape \\u12g4 needs exactly 4 hex digits');
      expectParseError(String.raw`key: "\U0011000"`, 'InvalidSecretText', 'escape \\U0011000 needs exactly 8 hex digits');
      expectParseError(String.raw`key: "\U00110000"`, 'InvalidSecretText', 'escape \\U00110000 is above U+10FFFF');
    });
    it('should refuse invalid UTF-8 in a literal that has escapes, as Go does', () => {
      const input = Uint8Array.from([...bytes('key: "a'), 0xff, ...bytes('\\n"')]);
      expectParseError(input, 'InvalidSecretText', 'contains bytes that are not UTF-8');
    });
    it('should refuse a character that starts no token', () => {
      expectParseError('key: "a" @', 'InvalidSecretText', 'column 10', 'unexpected "@"');
      expectParseError(Uint8Array.from([0xc3, 0xa9]), 'InvalidSecretText', 'unexpected byte 0xc3');
    });
    it('should name a control byte or DEL by its value, in two hex digits', () => {
      expectParseError('key: "a" \x01', 'InvalidSecretText', 'unexpected byte 0x01');
      expectParseError('key: "a" \v', 'InvalidSecretText', 'unexpected byte 0x0b');
      expectParseError('key: "a" \x7f', 'InvalidSecretText', 'unexpected byte 0x7f');
    });
    it('should read upper- and lower-case letters through Z and z as part of a name', () => {
      expectParseError('keyZ: "x"', 'InvalidSecretText', 'unknown field "keyZ"');
      expectParseError('keyz: "x"', 'InvalidSecretText', 'unknown field "keyz"');
    });
    it('should place the end of the text after a trailing comment', () => {
      expectParseError('key # no colon', 'InvalidSecretText', 'line 1, column 15', 'found the end of the text');
    });
    it('should count lines and columns in bytes from 1', () => {
      expectParseError('\n# c\n  key: 12', 'InvalidSecretText', 'line 3, column 8');
    });
  });

  describe('when the mount requirement cannot be honoured', () => {
    it('should refuse an unknown enum name, case-sensitively', () => {
      expectParseError('mount_requirement: SECRET', 'InvalidMountRequirement', 'mount_requirement "SECRET" is not a mount type', 'accepted: ANY, ENV_VAR, FILE, or the numbers 0, 1, 2');
      expectParseError('mount_requirement: file', 'InvalidMountRequirement', '"file" is not a mount type; names are case-sensitive');
    });
    it('should refuse a number Go would store but no injector knows', () => {
      expectParseError('mount_requirement: 7', 'InvalidMountRequirement', 'mount_requirement "7" is not a known mount type');
      expectParseError('mount_requirement: -1', 'InvalidMountRequirement', '"-1" is not a known mount type');
    });
    it('should refuse numbers Go cannot read as int32 and non-integers', () => {
      expectParseError('mount_requirement: 4294967297', 'InvalidMountRequirement', '"4294967297" is not a mount type');
      expectParseError('mount_requirement: 1.0', 'InvalidMountRequirement', '"1.0" is not a mount type');
    });
    it('should refuse a quoted enum name', () => {
      expectParseError('mount_requirement: "FILE"', 'InvalidMountRequirement', 'expects an enum name or number, found a quoted string');
    });
  });
});
