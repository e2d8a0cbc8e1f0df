// docs/recipes/fetched-file-backend.ts: the build compiles this recipe, and docs/plugins.md quotes it whole.
import { ContainerModule, inject, injectable } from 'inversify';
import {
  bindSettings,
  defineSettings,
  deliverFetchedFile,
  fetcherContainerSchema,
  goLower,
  InjectionError,
  InjectionErrorCode,
  joinPath,
  makeParentCommand,
  openToWorkloadCommand,
  type PodEdit,
  SecretInjector,
  type SecretRequest,
  SECRETS_MOUNT_DIR,
  setting,
  type SettingsOf,
} from 'podsecrets/core';

// my-config.ts: the section's keys, declared once; the settings object's type is derived from them.
export const MySettings = Symbol.for('my-plugin.MySettings');
export const mySettings = defineSettings(MySettings, {
  path: 'webhook.mySecretManager',
  owner: 'Mine',
  schema: { ...fetcherContainerSchema('registry.local/fetch:1', 'a secret of my store'), baseUrl: setting.string('Where secrets are downloaded from.', 'https://secrets.internal') },
});
export interface MySettings extends SettingsOf<typeof mySettings> {}

// my-injector.ts: group and key become a URL and a file path, so anything but a plain name is refused.
const PLAIN_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

@injectable()
export class MySecretInjector implements SecretInjector {
  readonly type = 'Mine';
  readonly #settings: MySettings;
  constructor(@inject(MySettings) settings: MySettings) {
    this.#settings = settings;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    for (const [field, value] of [
      ['group', secret.group],
      ['key', secret.key],
    ] as const) {
      if (!PLAIN_NAME.test(value)) throw new InjectionError(InjectionErrorCode.InvalidRequest, `${field} "${value}" is not a plain name (accepted: letters, digits, '.', '_' and '-')`);
    }
    const filePath = joinPath(SECRETS_MOUNT_DIR, goLower(secret.group), goLower(secret.key));
    // The fetcher finds the file it writes in $PODSECRETS_SECRET_FILE (FETCHER_FILE_ENV).
    const steps = [makeParentCommand(filePath), 'wget -q -O "$PODSECRETS_SECRET_FILE" "$URL"', openToWorkloadCommand(filePath)];
    deliverFetchedFile(edit, secret, {
      backend: 'my store',
      namePrefix: 'my-fetch',
      identity: [secret.group, secret.key],
      image: this.#settings.sidecarImage,
      resources: this.#settings.resources,
      command: ['sh', '-ec', steps.filter((step) => step !== undefined).join('; ')],
      env: [{ name: 'URL', value: `${this.#settings.baseUrl}/${secret.group}/${secret.key}` }],
      volumeName: 'my-secrets',
      mountPath: SECRETS_MOUNT_DIR,
      filePath,
    });
  }
}

// my-module.ts
export const myModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, mySettings);
  bind(MySecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(MySecretInjector);
});
