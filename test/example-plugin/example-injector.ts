import { inject, injectable } from 'inversify';
import {
  type Container,
  type EnvVar,
  goLower,
  InjectionError,
  InjectionErrorCode,
  joinPath,
  Logger,
  MountRequirement,
  type PodEdit,
  requireEnvVarName,
  SECRETS_DEFAULT_DIR_ENV,
  SECRETS_FILE_PREFIX_ENV,
  SECRETS_MOUNT_DIR,
  type InjectionContext,
  type SecretInjector,
  type SecretRequest,
} from 'podsecrets/core';
import { ExampleSettings } from './example-config.js';

export const EXAMPLE_VOLUME = 'example-secrets';
export const EXAMPLE_INIT_CONTAINER = 'example-fetch-secrets';

// Group and key become a URL path and a file path: anything but a plain name could escape either.
const PLAIN_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

// Reads "<file> <group>/<key>" lines from $SECRETS; the names are plain (checked above) and quoted.
const FETCH_SCRIPT = `printf '%s' "$SECRETS" | while read -r file ref; do
  [ -n "$file" ] || continue
  mkdir -p "$(dirname "${SECRETS_MOUNT_DIR}/$file")"
  wget -q -O "${SECRETS_MOUNT_DIR}/$file" "$BASE_URL/$ref"
done`;

/**
 * A small backend for the plugin guide (docs/plugins.md), not loaded by default: an init container
 * downloads each secret from `baseUrl` into a memory volume mounted at /etc/flyte/secrets. The webhook
 * never sees a value. Files only: an ENV_VAR request is refused.
 */
@injectable()
export class ExampleSecretInjector implements SecretInjector {
  readonly type = 'Example';
  readonly #config: ExampleSettings;
  readonly #logger: Logger;

  constructor(@inject(ExampleSettings) settings: ExampleSettings, @inject(Logger) logger: Logger) {
    this.#config = settings;
    this.#logger = logger;
  }

  inject(secret: SecretRequest, edit: PodEdit, context: InjectionContext): void {
    if (secret.mountRequirement === MountRequirement.ENV_VAR) {
      throw new InjectionError(InjectionErrorCode.UnsupportedMount, 'the Example backend delivers files only (accepted: mount FILE or ANY; set envVar to get the path in a variable)');
    }
    if (secret.key === '') throw new InjectionError(InjectionErrorCode.InvalidRequest, 'an Example secret needs a key; the request has none');
    for (const [field, value] of [
      ['group', secret.group],
      ['key', secret.key],
    ] as const) {
      if (value !== '' && !PLAIN_NAME.test(value)) {
        throw new InjectionError(InjectionErrorCode.InvalidRequest, `${field} "${value}" is not a plain name (accepted: letters, digits, '.', '_' and '-', not "." or "..")`);
      }
    }
    const file = joinPath(goLower(secret.group), goLower(secret.key));
    const line = `${file} ${secret.group === '' ? '' : `${secret.group}/`}${secret.key}\n`;
    this.#logger.debug({ backend: this.type, uid: context.uid, group: secret.group, key: secret.key }, 'secret will be fetched by the init container');

    edit.addVolume({ name: EXAMPLE_VOLUME, emptyDir: { medium: 'Memory' } });
    edit.addInitContainer(this.#fetcher());
    edit.updateInitContainer(EXAMPLE_INIT_CONTAINER, (container) => appendLine(container, line));
    edit.mountInAllContainers({ name: EXAMPLE_VOLUME, mountPath: SECRETS_MOUNT_DIR, readOnly: true });
    const env: EnvVar[] = [];
    if (secret.envVar !== '') env.push({ name: requireEnvVarName(secret.envVar, 'envVar'), value: joinPath(SECRETS_MOUNT_DIR, file) });
    env.push({ name: SECRETS_FILE_PREFIX_ENV, value: '' }, { name: SECRETS_DEFAULT_DIR_ENV, value: SECRETS_MOUNT_DIR });
    edit.setEnv(...env);
  }

  #fetcher(): Container {
    return {
      name: EXAMPLE_INIT_CONTAINER,
      image: this.#config.image,
      command: ['sh', '-ec', FETCH_SCRIPT],
      env: [
        { name: 'BASE_URL', value: this.#config.baseUrl },
        { name: 'SECRETS', value: '' },
      ],
      // Its own writable mount of the volume: mountInAllContainers skips a container that mounts it already.
      volumeMounts: [{ name: EXAMPLE_VOLUME, mountPath: SECRETS_MOUNT_DIR }],
    };
  }
}

/** Adds `line` to the init container's SECRETS once, so that a second pass changes nothing. */
function appendLine(container: Container, line: string): void {
  const secrets = (container.env ??= []).find((env) => env.name === 'SECRETS');
  if (secrets === undefined) container.env.push({ name: 'SECRETS', value: line });
  else if (!(secrets.value ?? '').split('\n').includes(line.trimEnd())) secrets.value = `${secrets.value ?? ''}${line}`;
}
