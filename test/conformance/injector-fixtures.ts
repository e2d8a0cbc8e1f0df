import type { Container } from 'inversify';
import { goUpper, MountRequirement, secretRequest } from '../../core/index.js';
import { GlobalSecretEnvironment } from '../../plugins/global/global-secret-source.js';
import { type ConformanceCase, conformanceSecretNames } from './conformance-matrix.js';
import { embeddedFixtures } from './embedded-fixture.js';

/** What a backend needs around it in a conformance run. Every field is optional. */
export interface InjectorFixture {
  /** Configuration values laid over the defaults, as in the YAML file. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Rebindings after the modules are loaded, e.g. a value source. */
  readonly configure?: (container: Container) => void;
  /** The values the backend holds for the matrix's secrets: none may reach a log line, denial or warning. */
  readonly secretValues?: readonly string[];
  /** Labels every pod of the run carries (a backend that scopes secrets by pod labels needs them). */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Requests added to the matrix, for a backend that only accepts a shape the matrix lacks (a subject
   * fixture only): the suite checks them like the others.
   */
  readonly cases?: readonly ConformanceCase[];
}

/** How one backend takes part: as the injector under test, and as another backend in the chain. */
export interface BackendFixtures {
  /** Makes the backend able to inject the matrix's secrets when it is the one under test. */
  readonly subject?: () => InjectorFixture;
  /**
   * Makes the backend stand aside (refuse every secret) when another is under test. Needed only by a
   * backend the mutator tries before the configured one, which today is Global alone.
   */
  readonly bystander?: () => InjectorFixture;
}

// Values that look like secrets and appear nowhere else, so finding one in a log is never a coincidence.
const valueFor = (group: string, key: string): string => `conformance-value:${group}/${key}:7f3a9c`;

/**
 * Per backend type (lower case), what the conformance suite needs to drive it. A backend that needs
 * nothing (it only references secrets, as K8s, or reads its defaults) needs no entry: the suite runs
 * every registered injector whether or not it is listed here.
 */
export const backendFixtures: Readonly<Record<string, BackendFixtures>> = {
  embedded: embeddedFixtures,
  global: {
    subject: () => {
      const names = conformanceSecretNames().filter(({ group, key }) => group !== '' && key !== '');
      const environment = Object.fromEntries(names.map(({ group, key }) => [`FLYTE_SECRET_${goUpper(group)}_${goUpper(key)}`, valueFor(group, key)]));
      return {
        config: { secrets: { 'secrets-prefix': '/nonexistent/podsecrets-conformance' } },
        configure: (container) => container.rebind(GlobalSecretEnvironment).toConstantValue(environment),
        secretValues: names.map(({ group, key }) => valueFor(group, key)),
      };
    },
    bystander: () => ({
      config: { secrets: { 'secrets-prefix': '/nonexistent/podsecrets-conformance' } },
      configure: (container) => container.rebind(GlobalSecretEnvironment).toConstantValue({}),
    }),
  },
  // AWS takes the group as a Secrets Manager ARN prefix and the key as the secret's name; plain groups are refused.
  aws: {
    subject: () => ({
      cases: [
        {
          title: 'a Secrets Manager ARN as group, as a file',
          secrets: [secretRequest({ group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', key: 'db-password-AbCdEf', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' })],
          pod: {},
        },
        {
          title: 'two ARNs, in a pod with its own init container',
          secrets: [
            secretRequest({ group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', key: 'db-password-AbCdEf', mountRequirement: MountRequirement.ANY }),
            secretRequest({ group: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret', key: 'api-token-GhIjKl', mountRequirement: MountRequirement.FILE }),
          ],
          pod: {
            initContainers: [{ name: 'setup', image: 'busybox' }],
            containers: [
              { name: 'main', image: 'busybox' },
              { name: 'sidecar', image: 'busybox' },
            ],
          },
        },
      ],
    }),
  },
  // Flyte's Azure injector takes the group as a Key Vault secret URI; the matrix's plain groups may be
  // refused, so these give it requests in the shape it documents (used only when Azure is installed).
  azure: {
    subject: () => ({
      cases: [
        {
          title: 'a Key Vault secret URI as group, as a file',
          secrets: [secretRequest({ group: 'https://podsecrets-test.vault.azure.net/secrets/db-password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' })],
          pod: {},
        },
        {
          title: 'two Key Vault secret URIs, one with a version',
          secrets: [
            secretRequest({ group: 'https://podsecrets-test.vault.azure.net/secrets/db-password', groupVersion: '0123456789abcdef0123456789abcdef', mountRequirement: MountRequirement.ANY }),
            secretRequest({ group: 'https://podsecrets-test.vault.azure.net/secrets/api-token', mountRequirement: MountRequirement.FILE }),
          ],
          pod: {
            initContainers: [{ name: 'setup', image: 'busybox' }],
            containers: [
              { name: 'main', image: 'busybox' },
              { name: 'sidecar', image: 'busybox' },
            ],
          },
        },
      ],
    }),
  },
};

/** The fixtures of `type`, any case; empty for a backend without an entry. */
export function fixturesOf(type: string): BackendFixtures {
  return backendFixtures[type.toLowerCase()] ?? {};
}

/**
 * The fixtures for running `type` among `installedTypes`: its own `subject` fixture, and the
 * `bystander` fixture of every other installed backend.
 */
export function fixturesFor(type: string, installedTypes: readonly string[]): InjectorFixture[] {
  const fixtures: InjectorFixture[] = [];
  for (const other of installedTypes) {
    if (other.toLowerCase() === type.toLowerCase()) continue;
    const bystander = fixturesOf(other).bystander;
    if (bystander !== undefined) fixtures.push(bystander());
  }
  const subject = fixturesOf(type).subject;
  if (subject !== undefined) fixtures.push(subject());
  return fixtures;
}
