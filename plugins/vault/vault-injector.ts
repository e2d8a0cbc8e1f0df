import { inject, injectable } from 'inversify';
import { joinPath, type PodEdit, requireFileMount, SECRETS_MOUNT_DIR, type SecretInjector, type SecretRequest, setSecretFileEnv } from '../../core/index.js';
import { vaultAnnotations } from './vault-annotations.js';
import { VaultSettings } from './vault-config.js';

/**
 * HashiCorp Vault, as Flyte v2's VaultSecretManagerInjector: annotations for the Vault Agent Injector,
 * a separate webhook that then renders each secret to /etc/flyte/secrets/<group>/<key>. podsecrets
 * never talks to Vault.
 */
@injectable()
export class VaultSecretInjector implements SecretInjector {
  readonly type = 'Vault';
  readonly #settings: VaultSettings;

  constructor(@inject(VaultSettings) settings: VaultSettings) {
    this.#settings = settings;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    requireFileMount(secret, 'Vault', 'rendered by the Vault Agent into the pod before it starts');
    const annotations = vaultAnnotations(secret, this.#settings);
    // Vault keeps the request's case in the path, unlike the backends that lower-case it.
    setSecretFileEnv(edit, secret.envVar, joinPath(SECRETS_MOUNT_DIR, secret.group, secret.key));
    edit.setAnnotationsIfAbsent(annotations);
  }
}
