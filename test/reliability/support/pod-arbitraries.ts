import fc from 'fast-check';
import { md5Hex, type Pod, SECRETS_MOUNT_DIR, type SecretRequest, secretVolumeName } from '../../../core/index.js';
import { encodeSecretAnnotations } from '../../../core/wire/secret-annotations.js';
import { KNOWN_SECRETS } from './installed-backends.js';
import { secretListArbitrary } from './secret-arbitraries.js';

// Pods the API server would accept as they are, shaped to collide with what a backend adds: env
// names it sets, volume names and mount paths it generates, init container names it uses.

export interface PodSizes {
  readonly containers: number;
  readonly initContainers: number;
  readonly env: number;
  readonly volumes: number;
  readonly mounts: number;
  readonly annotations: number;
  readonly secrets: number;
}

export const SMALL_PODS: PodSizes = { containers: 3, initContainers: 2, env: 4, volumes: 4, mounts: 3, annotations: 3, secrets: 5 };
export const LARGE_PODS: PodSizes = { containers: 24, initContainers: 8, env: 40, volumes: 30, mounts: 12, annotations: 30, secrets: 40 };

const knownGroups = KNOWN_SECRETS.map((secret) => secret.group);
const knownKeys = KNOWN_SECRETS.map((secret) => secret.key);

const CONTAINER_NAMES = ['main', 'sidecar', 'init-embedded-secret', 'vault-agent-init', 'aws-secrets-init', 'gcp-secrets-init', 'azure-secrets-init'];
const VOLUME_NAMES = [
  'data',
  'embedded-secret-vol',
  ...knownGroups.filter((group) => group === group.toLowerCase()).map((group) => secretVolumeName(group, '')),
  `ps-${md5Hex('db')}`,
  'aws-secret-vol',
  'gcp-secret-vol',
  'azure-secret-vol',
  'vault-secrets',
];
const MOUNT_PATHS = [
  '/data',
  SECRETS_MOUNT_DIR,
  ...knownGroups.map((group) => `${SECRETS_MOUNT_DIR}/${group.toLowerCase()}`),
  `${SECRETS_MOUNT_DIR}/${md5Hex(knownKeys[0]!)}`,
  '/vault/secrets',
  '/etc/flyte',
];
const ENV_NAMES = [
  'PATH',
  'EXISTING',
  'MY_SECRET',
  'FLYTE_SECRETS_DEFAULT_DIR',
  'FLYTE_SECRETS_FILE_PREFIX',
  'FLYTE_SECRETS_ENV_PREFIX',
  '_UNION_KNOWN_PASSWORD',
  '_UNION_DB_PASSWORD',
  'with-dash.dot',
];

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/);
const containerName = fc.oneof(fc.constantFrom(...CONTAINER_NAMES), label);
const volumeName = fc.oneof(fc.constantFrom(...VOLUME_NAMES), label);
const mountPath = fc.oneof(
  fc.constantFrom(...MOUNT_PATHS),
  label.map((name) => `/mnt/${name}`),
);
const envName = fc.oneof(fc.constantFrom(...ENV_NAMES), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/));

const envValue = fc.oneof(
  fc.record({ value: fc.string({ unit: 'grapheme', maxLength: 40 }) }),
  fc.constant({ valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
  fc.constant({ valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }),
);

const volumeSource = fc.oneof(
  fc.constant({ emptyDir: {} }),
  fc.constant({ emptyDir: { medium: 'Memory' } }),
  fc.record({
    secret: fc.record(
      {
        secretName: fc.constantFrom(...knownGroups.filter((group) => group === group.toLowerCase()), 'other', md5Hex('password')),
        items: fc.uniqueArray(fc.record({ key: fc.constantFrom(...knownKeys, 'other'), path: fc.constantFrom('password', 'token', 'other', 'nested/file') }), {
          selector: (item) => item.path,
          maxLength: 3,
        }),
        optional: fc.boolean(),
      },
      { requiredKeys: ['secretName'] },
    ),
  }),
);

function containerArbitrary(name: string, volumes: readonly string[], sizes: PodSizes): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      name: fc.constant(name),
      image: fc.constantFrom('busybox', 'ghcr.io/flyteorg/flytekit:py3.12', 'registry.example.com:5000/team/image@sha256:' + '0'.repeat(64)),
      command: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      env: fc.uniqueArray(
        fc.tuple(envName, envValue).map(([envVarName, value]) => ({ name: envVarName, ...value })),
        { selector: (env) => env.name, maxLength: sizes.env },
      ),
      volumeMounts:
        volumes.length === 0
          ? fc.constant([])
          : fc.uniqueArray(fc.record({ name: fc.constantFrom(...volumes), mountPath, readOnly: fc.boolean() }, { requiredKeys: ['name', 'mountPath'] }), {
              selector: (mount) => mount.mountPath,
              maxLength: sizes.mounts,
            }),
    },
    { requiredKeys: ['name', 'image'] },
  );
}

/** A pod the API server accepts, asking for `secrets` (or for generated ones). */
export function podArbitrary(sizes: PodSizes = SMALL_PODS, secrets?: fc.Arbitrary<SecretRequest[]>): fc.Arbitrary<Pod> {
  const names = fc.uniqueArray(containerName, { minLength: 1, maxLength: sizes.containers + sizes.initContainers });
  const volumes = fc.uniqueArray(
    fc.tuple(volumeName, volumeSource).map(([name, source]) => ({ name, ...source })),
    { selector: (volume) => volume.name, maxLength: sizes.volumes },
  );
  return fc
    .record({
      names,
      initCount: fc.nat({ max: sizes.initContainers }),
      volumes,
      secrets: secrets ?? secretListArbitrary(sizes.secrets, sizes === LARGE_PODS),
      annotations: fc.dictionary(fc.oneof(fc.constantFrom('example.com/owner', 'team', 'flyte.secrets/sidecar', 'flyte.secrets/s'), label), fc.string({ maxLength: 30 }), {
        maxKeys: sizes.annotations,
      }),
      labels: fc.dictionary(label, label, { maxKeys: 4 }),
      extraSpec: fc.record(
        { restartPolicy: fc.constantFrom('Never', 'OnFailure', 'Always'), serviceAccountName: label, nodeSelector: fc.dictionary(label, label, { maxKeys: 2 }) },
        { requiredKeys: [] },
      ),
      generateName: fc.boolean(),
    })
    .chain((shape) => {
      const initCount = Math.min(shape.initCount, shape.names.length - 1);
      const volumeNames = shape.volumes.map((volume) => volume.name);
      const containers = shape.names.map((name) => containerArbitrary(name, volumeNames, sizes));
      return fc.tuple(...containers).map((built) => {
        const pod: Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            ...(shape.generateName ? { generateName: 'task-' } : { name: 'task' }),
            namespace: 'team-a',
            labels: { ...shape.labels, 'inject-flyte-secrets': 'true' },
            annotations: { ...shape.annotations, ...encodeSecretAnnotations(shape.secrets) },
          },
          spec: {
            ...shape.extraSpec,
            containers: built.slice(initCount) as Pod['spec']['containers'],
            ...(initCount > 0 ? { initContainers: built.slice(0, initCount) as Pod['spec']['containers'] } : {}),
            ...(shape.volumes.length > 0 ? { volumes: shape.volumes } : {}),
          },
        };
        return pod;
      });
    });
}
