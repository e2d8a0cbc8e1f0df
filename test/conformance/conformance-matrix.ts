import { MountRequirement, type SecretRequest, secretRequest } from '../../core/index.js';
import type { PodOptions } from '../support/pod-builders.js';

/** One request of the conformance matrix: the secrets a pod asks for, and the pod around them. */
export interface ConformanceCase {
  readonly title: string;
  readonly secrets: readonly SecretRequest[];
  /** The pod's shape (containers, volumes, env, ...); its secrets are added in each request form. */
  readonly pod: Omit<PodOptions, 'secrets'>;
}

const MOUNTS = [MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE] as const;

/** A pod with one container and nothing else. */
const PLAIN_POD: ConformanceCase['pod'] = {};

/** Several containers and init containers: every one of them must receive the secret. */
const MANY_CONTAINERS: ConformanceCase['pod'] = {
  initContainers: [
    { name: 'migrate', image: 'busybox', command: ['sh', '-c', 'true'] },
    { name: 'warm-cache', image: 'busybox' },
  ],
  containers: [
    { name: 'main', image: 'busybox' },
    { name: 'sidecar', image: 'envoyproxy/envoy:v1.30' },
  ],
};

/** A pod that brings its own env, volumes, mounts, labels and annotations, which must survive. */
const EXISTING_EVERYTHING: ConformanceCase['pod'] = {
  initContainers: [{ name: 'setup', image: 'busybox', env: [{ name: 'MODE', value: 'init' }], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
  containers: [
    {
      name: 'main',
      image: 'busybox',
      env: [
        { name: 'EXISTING', value: 'kept' },
        { name: 'FROM_FIELD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      volumeMounts: [
        { name: 'scratch', mountPath: '/scratch' },
        { name: 'config', mountPath: '/etc/app', readOnly: true },
      ],
    },
  ],
  volumes: [
    { name: 'scratch', emptyDir: {} },
    { name: 'config', configMap: { name: 'app-config' } },
  ],
  labels: { app: 'billing' },
  annotations: { 'example.com/owner': 'team-a' },
};

function mountName(mount: MountRequirement): string {
  return MountRequirement[mount];
}

/** Every single-secret request: each mount requirement, with and without group, group_version and envVar. */
function singleSecretCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const mountRequirement of MOUNTS) {
    for (const group of ['db', '']) {
      for (const groupVersion of ['', 'v2']) {
        for (const envVar of ['', 'DB_PASSWORD_REF']) {
          const key = group === '' ? 'api-token' : 'password';
          const title = [
            mountName(mountRequirement),
            group === '' ? 'without group' : 'with group',
            groupVersion === '' ? 'without group_version' : 'with group_version',
            envVar === '' ? 'without envVar' : 'with envVar',
          ].join(', ');
          cases.push({ title, secrets: [secretRequest({ group, groupVersion, key, mountRequirement, envVar })], pod: PLAIN_POD });
        }
      }
    }
  }
  return cases;
}

/** The pod shapes above together: several containers and init containers, each with its own things. */
const EVERYTHING: ConformanceCase['pod'] = {
  ...EXISTING_EVERYTHING,
  containers: [...(EXISTING_EVERYTHING.containers ?? []), { name: 'sidecar', image: 'envoyproxy/envoy:v1.30' }],
  initContainers: [...(EXISTING_EVERYTHING.initContainers ?? []), ...(MANY_CONTAINERS.initContainers ?? [])],
};

const SHAPES: readonly [string, ConformanceCase['pod']][] = [
  ['a pod with several containers and init containers', MANY_CONTAINERS],
  ['a pod with its own env, volumes, mounts, labels and annotations', EXISTING_EVERYTHING],
  ['a pod with several containers and init containers, each with its own env and mounts', EVERYTHING],
];

/** Several secrets per pod, in pods of several shapes. */
function podShapeCases(): ConformanceCase[] {
  const files = [
    secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' }),
    secretRequest({ group: 'db', key: 'username', mountRequirement: MountRequirement.FILE }),
    secretRequest({ group: 'api', groupVersion: 'v1', key: 'key', mountRequirement: MountRequirement.ANY }),
  ];
  const envs = [
    secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.ENV_VAR, envVar: 'DB_PASSWORD' }),
    secretRequest({ group: 'db', key: 'username', mountRequirement: MountRequirement.ANY }),
    secretRequest({ group: 'cache', key: 'token', mountRequirement: MountRequirement.ENV_VAR, envVar: 'CACHE_TOKEN' }),
  ];
  const mixed = [files[0]!, envs[2]!, files[2]!];
  const sets: readonly [string, SecretRequest[]][] = [
    ['three secrets as files (or any)', files],
    ['three secrets as env vars (or any)', envs],
    ['one secret of each mount requirement', mixed],
  ];
  const cases: ConformanceCase[] = [];
  for (const [shapeTitle, pod] of SHAPES) {
    for (const [setTitle, secrets] of sets) cases.push({ title: `${setTitle}, in ${shapeTitle}`, secrets, pod });
  }
  return [
    ...cases,
    {
      title: 'one group asked in two versions',
      secrets: [
        secretRequest({ group: 'db', groupVersion: 'v1', key: 'password', mountRequirement: MountRequirement.FILE }),
        secretRequest({ group: 'db', groupVersion: 'v2', key: 'password', mountRequirement: MountRequirement.ANY }),
      ],
      pod: PLAIN_POD,
    },
    { title: 'the same secret as env var and as file', secrets: [envs[0]!, files[0]!], pod: PLAIN_POD },
    {
      title: "an envVar that the pod's container already sets",
      secrets: [secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.ANY, envVar: 'EXISTING' })],
      pod: EXISTING_EVERYTHING,
    },
  ];
}

/** The whole matrix, in a stable order. */
export function conformanceCases(): ConformanceCase[] {
  return [...singleSecretCases(), ...podShapeCases()];
}

/** The distinct (group, key) pairs the matrix asks for: what a value source must hold. */
export function conformanceSecretNames(): { group: string; key: string }[] {
  const seen = new Map<string, { group: string; key: string }>();
  for (const testCase of conformanceCases()) {
    for (const { group, key } of testCase.secrets) seen.set(JSON.stringify([group, key]), { group, key });
  }
  return [...seen.values()];
}
