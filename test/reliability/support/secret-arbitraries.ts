import fc from 'fast-check';
import { MountRequirement, type SecretRequest, secretRequest } from '../../../core/index.js';
import { KNOWN_SECRETS } from './installed-backends.js';

// Secret requests as a hostile or merely unusual pod could carry them: every mount type, names that
// are legal for one backend and not another, unicode, lengths around every limit, and repeats.

const LONG = (n: number, unit = 'a'): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const GROUP_POOL = [
  ...KNOWN_SECRETS.map((secret) => secret.group),
  'my-group',
  'aws.creds',
  'UPPER',
  'a',
  LONG(38),
  LONG(39),
  LONG(63),
  LONG(253, 'a.b'),
  LONG(254),
  'a/b',
  '.',
  '..',
  'with space',
  'ünïcödé',
  '😀',
  'g_underscore',
  '-leading',
  'trailing-',
];

const KEY_POOL = [...KNOWN_SECRETS.map((secret) => secret.key), 'token', 'api_key', 'API.KEY', 'key-with-dash', LONG(253, 'k'), LONG(254, 'k'), '..hidden', '.', '..', 'a=b', 'a/b', 'ünï', ' ', '\n'];

const ENV_POOL = [
  'MY_SECRET',
  'PASSWORD',
  'PATH',
  'EXISTING',
  'FLYTE_SECRETS_DEFAULT_DIR',
  'FLYTE_SECRETS_ENV_PREFIX',
  '_UNION_DB_PASSWORD',
  'with-dash',
  'with.dot',
  '1BAD',
  'a=b',
  'ünï',
  '..',
  LONG(300, 'E'),
];

const dnsish = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,30}[a-z0-9])?$/);

function text(pool: readonly string[], large: boolean): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 1 },
    { arbitrary: fc.constantFrom(...pool), weight: 4 },
    { arbitrary: dnsish, weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
    { arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', '-', '.', '_', '9'), minLength: 30, maxLength: large ? 2000 : 300 }), weight: 1 },
  );
}

const mountArbitrary = fc.constantFrom(MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE);
const envVarArbitrary = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.constantFrom(...ENV_POOL), weight: 2 },
  { arbitrary: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/), weight: 1 },
);

/** One secret request with any mount type and odd but encodable fields; a third name a secret the Global backend holds. */
export function secretRequestArbitrary(large = false): fc.Arbitrary<SecretRequest> {
  const anyFields = fc.record({
    group: text(GROUP_POOL, large),
    groupVersion: fc.oneof(
      { arbitrary: fc.constant(''), weight: 4 },
      { arbitrary: fc.constantFrom('v1', '2', LONG(40, 'v')), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
    ),
    key: text(KEY_POOL, large),
    mountRequirement: mountArbitrary,
    envVar: envVarArbitrary,
  });
  return fc.oneof({ arbitrary: anyFields.map((fields) => secretRequest(fields)), weight: 2 }, { arbitrary: knownSecretArbitrary(), weight: 1 });
}

/** A request for one of the secrets the Global backend holds, by any mount. */
export function knownSecretArbitrary(): fc.Arbitrary<SecretRequest> {
  return fc
    .record({
      known: fc.constantFrom(...KNOWN_SECRETS),
      groupVersion: fc.constantFrom('', 'v1'),
      // Mostly what Global can do, so that pods asking only for these are often admitted.
      mountRequirement: fc.constantFrom(MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE),
      envVar: envVarArbitrary,
    })
    .map(({ known, ...fields }) => secretRequest({ ...fields, group: known.group, key: known.key }));
}

// Names as cloud secret managers spell them (a Secrets Manager ARN, a Key Vault URI, a Google
// resource name with its version, a Vault path): odd for Kubernetes, the only names some backends take.
const CLOUD_SHAPED: readonly (readonly Pick<SecretRequest, 'group' | 'groupVersion' | 'key'>[])[] = [
  [
    { group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', groupVersion: '', key: 'my-secret-AbCdEf' },
    { group: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:', groupVersion: '', key: 'team/db-password' },
  ],
  [
    { group: 'https://my-vault.vault.azure.net/secrets/my-secret', groupVersion: '', key: '' },
    { group: 'https://other.vault.azure.net/secrets/db-password', groupVersion: '0123456789abcdef0123456789abcdef', key: 'password' },
  ],
  [
    { group: 'projects/my-project/secrets/my-secret', groupVersion: 'latest', key: '' },
    { group: 'db-password', groupVersion: '3', key: 'password' },
  ],
  [
    { group: 'secret/data/db', groupVersion: '', key: 'password' },
    { group: 'kv/team-a', groupVersion: '2', key: 'api_key' },
  ],
];

/**
 * A request most backends can honour: a DNS-name group (or none), a valid data key, a valid env var
 * name or none; or one named as a cloud secret manager names its secrets. Lists of these are mostly admitted, so the admitted-pod properties get exercised.
 */
export function plausibleSecretArbitrary(): fc.Arbitrary<SecretRequest> {
  return fc.oneof({ arbitrary: kubernetesShapedArbitrary(), weight: 2 }, { arbitrary: cloudShapedArbitrary(), weight: 1 });
}

/** A request named as one cloud secret manager names its secrets (one family, or any), with any mount. */
export function cloudShapedArbitrary(family?: readonly Pick<SecretRequest, 'group' | 'groupVersion' | 'key'>[]): fc.Arbitrary<SecretRequest> {
  return fc
    .record({
      shape: fc.constantFrom(...(family ?? CLOUD_SHAPED.flat())),
      mountRequirement: mountArbitrary,
      envVar: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/)),
    })
    .map(({ shape, ...fields }) => secretRequest({ ...shape, ...fields }));
}

function kubernetesShapedArbitrary(): fc.Arbitrary<SecretRequest> {
  return fc
    .record({
      group: fc.oneof(
        fc.constant(''),
        fc.constantFrom(...KNOWN_SECRETS.map((secret) => secret.group).filter((group) => group === group.toLowerCase())),
        fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/),
      ),
      groupVersion: fc.constantFrom('', '', '', 'v1'),
      key: fc.oneof(fc.constantFrom(...KNOWN_SECRETS.map((secret) => secret.key)), fc.stringMatching(/^[a-zA-Z0-9]([-._a-zA-Z0-9]{0,20})$/)),
      mountRequirement: mountArbitrary,
      envVar: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/)),
    })
    .map((fields) => secretRequest(fields));
}

/**
 * A list of requests: plausible ones (possibly none, so pods without secrets are tried too), ones
 * named as cloud secret managers name theirs, ones the Global backend holds, or any, with some asked for more than once as a careless task definition may.
 */
export function secretListArbitrary(maxLength: number, large = false): fc.Arbitrary<SecretRequest[]> {
  const plausible = fc.array(kubernetesShapedArbitrary(), { minLength: 0, maxLength });
  // One family per pod, so that a backend of that family can admit the whole pod.
  const cloud = fc.constantFrom(...CLOUD_SHAPED).chain((family) => fc.array(cloudShapedArbitrary(family), { minLength: 1, maxLength }));
  const known = fc.array(knownSecretArbitrary(), { minLength: 1, maxLength });
  const any = fc.array(fc.oneof(secretRequestArbitrary(large), plausibleSecretArbitrary()), { minLength: 1, maxLength });
  return fc
    .oneof({ arbitrary: plausible, weight: 2 }, { arbitrary: cloud, weight: 1 }, { arbitrary: known, weight: 1 }, { arbitrary: any, weight: 2 })
    .chain((secrets) => (secrets.length === 0 ? fc.constant(secrets) : fc.array(fc.constantFrom(...secrets), { maxLength: Math.min(3, maxLength) }).map((repeats) => [...secrets, ...repeats])));
}
