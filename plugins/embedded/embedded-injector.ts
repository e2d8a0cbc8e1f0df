import { inject, injectable } from 'inversify';
import {
  type EnvVar,
  goUpper,
  InjectionError,
  InjectionErrorCode,
  type InjectionContext,
  kubeletLiteral,
  Logger,
  MountRequirement,
  type PodEdit,
  refuseUndeclaredClaims,
  requireEnvVarName,
  SECRETS_DEFAULT_DIR_ENV,
  SECRETS_ENV_PREFIX_ENV,
  SECRETS_FILE_PREFIX_ENV,
  SECRETS_MOUNT_DIR,
  SecretFetchError,
  SecretFetchErrorCode,
  type SecretInjector,
  type SecretRequest,
  WebhookSettings,
} from '../../core/index.js';
import { BackendFailurePolicy, EmbeddedSettings, ValueDelivery } from './embedded-config.js';
import { EmbeddedSecretReader, type FoundSecret, SecretNotFoundAcrossAllScopesError } from './embedded-secret-reader.js';
import { EMBEDDED_INJECTOR_TYPE } from './embedded-type.js';
import { EMBEDDED_SECRET_VOLUME, fileWriterInitContainer, isFileWriter, setWriterFile, writerHasFile, writerPaths } from './file-writer-init-container.js';
import { imagePullSecretName } from './image-pull-secret-name.js';
import { PodSecretStore } from './pod-secret-store.js';
import { POD_SECRET_VALUE_KEY, podSecretName, PodSecretWriteError } from './pod-secret-writer.js';
import { namespaceBoundScope, type NamespaceMapping } from './namespace-bound-scope.js';
import { NamespaceMappingSettings } from './namespace-mapping-config.js';
import { podController } from './secret-ownership.js';
import { describeScope, type SecretOwner } from './secret-id.js';
import { clashingPath, pathClashError, secretFilePath } from './secret-key-path.js';

/**
 * Flyte v2's Embedded mode: podsecrets reads the value itself (through the configured
 * {@link SecretFetcher}, scoped by the pod's organization, project and domain labels, which must render
 * to the pod's own namespace through `namespace_mapping.template`) and hands it to
 * the pod as an env var (ENV_VAR, ANY) or a file under /etc/flyte/secrets (FILE). With
 * `valueDelivery: secretRef` (the default) the value goes to a Secret in the pod's namespace that the
 * pod references; with `plainText` it sits in the pod spec, as Flyte puts it.
 */
@injectable()
export class EmbeddedSecretInjector implements SecretInjector {
  readonly type = EMBEDDED_INJECTOR_TYPE;
  readonly #reader: EmbeddedSecretReader;
  readonly #store: PodSecretStore;
  readonly #logger: Logger;
  readonly #config: EmbeddedSettings;
  readonly #mapping: NamespaceMapping;
  readonly #prefix: string;
  /** Admissions whose backend call already failed: their other secrets fail at once, so one admission waits at most one fetchTimeout. */
  readonly #failedAdmissions = new WeakMap<InjectionContext, string>();

  constructor(
    @inject(WebhookSettings) webhook: WebhookSettings,
    @inject(EmbeddedSettings) settings: EmbeddedSettings,
    @inject(NamespaceMappingSettings) mapping: NamespaceMappingSettings,
    @inject(EmbeddedSecretReader) reader: EmbeddedSecretReader,
    @inject(PodSecretStore) store: PodSecretStore,
    @inject(Logger) logger: Logger,
  ) {
    this.#config = settings;
    this.#mapping = { template: mapping.template, organization: settings.organization };
    this.#prefix = webhook.secretEnvVarPrefix;
    this.#reader = reader;
    this.#store = store;
    this.#logger = logger;
  }

  async inject(secret: SecretRequest, edit: PodEdit, context: InjectionContext): Promise<void> {
    if (secret.key === '') {
      throw new InjectionError(InjectionErrorCode.InvalidRequest, 'an Embedded secret needs a key (the secret name); the request has none');
    }
    if (secret.mountRequirement !== MountRequirement.ANY && secret.mountRequirement !== MountRequirement.ENV_VAR && secret.mountRequirement !== MountRequirement.FILE) {
      throw new InjectionError(InjectionErrorCode.UnsupportedMount, `mount requirement ${String(secret.mountRequirement)} is not one of ANY, ENV_VAR, FILE`);
    }
    // Validate what the request alone decides before any backend call.
    const file = secret.mountRequirement === MountRequirement.FILE ? secretFilePath(secret.key) : undefined;
    const envName =
      file === undefined ? requireEnvVarName(secret.envVar !== '' ? secret.envVar : goUpper(this.#prefix + secret.key), secret.envVar !== '' ? 'envVar' : 'the generated env var name') : undefined;
    if (file !== undefined && secret.envVar !== '') requireEnvVarName(secret.envVar, 'envVar');
    const owner = scopeOf(edit, context, this.#mapping);
    const found = await this.#find(owner, secret.key, edit, context);
    if (found === undefined) return;
    try {
      if (file === undefined) this.#injectEnv(envName ?? '', secret, found, edit, context);
      else this.#injectFile(file, secret, found, edit, context);
      if (this.#config.imagePullSecrets.enabled) await this.#addImagePullSecret(found.id, edit, context);
    } catch (error) {
      if (!(error instanceof PodSecretWriteError)) throw error;
      this.#onFailure('SecretWriteFailure', error.message, secret, edit, context);
    }
  }

  /** Flyte's image pull secrets: the Secret named after the scope the value was found at, if there is one. */
  async #addImagePullSecret(id: string, edit: PodEdit, context: InjectionContext): Promise<void> {
    const name = imagePullSecretName(id);
    if (name === undefined) return;
    const source = await this.#store.readImagePullSecret(context, this.#config.imagePullSecrets.namespace, name);
    if (source === undefined) return;
    edit.addImagePullSecret(name);
    const controller = podController(edit.pod);
    writeOnAdmit(edit, context, (signal) => this.#store.copyImagePullSecret(context.namespace, source, controller, signal));
  }

  /** The name of the value Secret of `id`; its write waits until every secret of the pod is resolved. */
  #valueSecret(id: string, value: Uint8Array, edit: PodEdit, context: InjectionContext): string {
    const controller = podController(edit.pod);
    writeOnAdmit(edit, context, (signal) => this.#store.writeValue(context.namespace, id, value, controller, signal));
    return podSecretName(id);
  }

  async #find(owner: SecretOwner, key: string, edit: PodEdit, context: InjectionContext): Promise<FoundSecret | undefined> {
    const earlier = this.#failedAdmissions.get(context);
    if (earlier !== undefined) {
      const message = `[${SecretFetchErrorCode.SecretReadFailure}] key "${key}": not asked, the ${this.#reader.fetcherType} backend already failed for this pod (${earlier})`;
      return this.#onFailure(SecretFetchErrorCode.SecretReadFailure, message, { key }, edit, context);
    }
    let found: FoundSecret;
    try {
      found = await this.#reader.find(owner, key, context.signal);
    } catch (error) {
      if (error instanceof SecretNotFoundAcrossAllScopesError) throw new InjectionError(error.code, error.message);
      if (!(error instanceof SecretFetchError)) throw error;
      const message = `[${error.code}] ${describeScope(error.id)} in the ${this.#reader.fetcherType} backend: ${error.detail}`;
      if (error.code !== SecretFetchErrorCode.SecretReadFailure) throw new InjectionError(error.code, message);
      this.#failedAdmissions.set(context, error.detail);
      return this.#onFailure(error.code, message, { key }, edit, context);
    }
    if (found.staleMs > 0) {
      edit.warn(`secret key "${key}": the ${this.#reader.fetcherType} backend failed; used a value cached ${Math.round(found.staleMs / 1000)} s past its expiry`);
    }
    return found;
  }

  /** A backend or API failure: deny, or admit without the secret and say so (onBackendFailure). */
  #onFailure(code: string, message: string, secret: Pick<SecretRequest, 'key'>, edit: PodEdit, context: InjectionContext): undefined {
    if (this.#config.onBackendFailure !== BackendFailurePolicy.AdmitWithWarning) throw new InjectionError(code, message);
    this.#logger.warn({ uid: context.uid, key: secret.key, code }, 'Embedded secret not injected: admitted without it (onBackendFailure: admitWithWarning)');
    edit.warn(`secret key "${secret.key}" was not injected: ${message}`);
    return undefined;
  }

  #injectEnv(name: string, secret: SecretRequest, found: FoundSecret, edit: PodEdit, context: InjectionContext): void {
    const text = utf8Text(found, secret.key);
    // The kubelet expands $(NAME) in a value and reads $$ as $: kubeletLiteral keeps each byte as it is.
    const prefix: EnvVar = { name: SECRETS_ENV_PREFIX_ENV, value: kubeletLiteral(this.#prefix) };
    if (this.#config.valueDelivery === ValueDelivery.PlainText) {
      edit.setEnv({ name, value: kubeletLiteral(text) }, prefix);
      return;
    }
    const secretName = this.#valueSecret(found.id, Buffer.from(text, 'utf8'), edit, context);
    edit.setEnv({ name, valueFrom: { secretKeyRef: { name: secretName, key: POD_SECRET_VALUE_KEY } } }, prefix);
  }

  #injectFile(file: { relative: string; absolute: string }, secret: SecretRequest, found: FoundSecret, edit: PodEdit, context: InjectionContext): void {
    const bytes = typeof found.value === 'string' ? Buffer.from(found.value, 'utf8') : found.value;
    if (this.#config.valueDelivery === ValueDelivery.PlainText) this.#writeWithInitContainer(secret.key, file.absolute, bytes, edit);
    else this.#projectFromSecret(secret.key, file.relative, found.id, bytes, edit, context);
    edit.mountInAllContainers({ name: EMBEDDED_SECRET_VOLUME, readOnly: true, mountPath: SECRETS_MOUNT_DIR });
    const env: EnvVar[] = [];
    if (secret.envVar !== '') env.push({ name: secret.envVar, value: kubeletLiteral(file.absolute) });
    env.push({ name: SECRETS_FILE_PREFIX_ENV, value: '' }, { name: SECRETS_DEFAULT_DIR_ENV, value: SECRETS_MOUNT_DIR });
    edit.setEnv(...env);
  }

  #writeWithInitContainer(key: string, path: string, bytes: Uint8Array, edit: PodEdit): void {
    const settings = { ...this.#config.fileMountInitContainer, name: this.#config.fileMountInitContainer.containerName };
    const existing = edit.pod.spec.initContainers?.find((container) => container.name === settings.name);
    if (existing !== undefined && !isFileWriter(existing)) {
      throw new InjectionError(
        InjectionErrorCode.InvalidRequest,
        `the pod has its own init container "${settings.name}", the name podsecrets gives its file writer; rename it, or set webhook.embeddedSecretManagerConfig.fileMountInitContainer.containerName`,
      );
    }
    const volume = edit.pod.spec.volumes?.find((candidate) => candidate.name === EMBEDDED_SECRET_VOLUME);
    if (volume !== undefined && volume.emptyDir === undefined) {
      throw new InjectionError(InjectionErrorCode.MountConflict, `the pod already has a volume "${EMBEDDED_SECRET_VOLUME}" that is not an emptyDir, so the file ${path} cannot be written to it`);
    }
    const clash = existing === undefined ? undefined : clashingPath(writerPaths(existing), path);
    if (clash !== undefined) throw pathClashError(key, clash);
    edit.addVolume({ name: EMBEDDED_SECRET_VOLUME, emptyDir: { medium: 'Memory' } });
    if (existing === undefined) {
      refuseUndeclaredClaims(edit, settings.resources);
      edit.addInitContainer(fileWriterInitContainer(settings, path, bytes, SECRETS_MOUNT_DIR));
    } else if (!writerHasFile(existing, path, bytes)) {
      edit.updateInitContainer(settings.name, (container) => setWriterFile(container, path, bytes));
    }
  }

  #projectFromSecret(key: string, path: string, id: string, bytes: Uint8Array, edit: PodEdit, context: InjectionContext): void {
    const volume = edit.pod.spec.volumes?.find((existing) => existing.name === EMBEDDED_SECRET_VOLUME);
    const sources = (volume?.['projected'] as { sources?: readonly ProjectedSecret[] } | undefined)?.sources;
    if (volume !== undefined && sources === undefined) {
      throw new InjectionError(InjectionErrorCode.MountConflict, `the pod already has a volume "${EMBEDDED_SECRET_VOLUME}" that is not a projected volume, so the file ${path} cannot be added to it`);
    }
    const clash = clashingPath(
      (sources ?? []).flatMap((source) => (source.secret?.items ?? []).map((item) => item.path ?? '')),
      path,
    );
    if (clash !== undefined) throw pathClashError(key, `${SECRETS_MOUNT_DIR}/${clash}`);
    const secretName = this.#valueSecret(id, bytes, edit, context);
    const source = { secret: { name: secretName, items: [{ key: POD_SECRET_VALUE_KEY, path }] } };
    if (volume === undefined) {
      edit.addVolume({ name: EMBEDDED_SECRET_VOLUME, projected: { sources: [source] } });
      return;
    }
    const holder = sources?.find((entry) => entry.secret?.items?.some((item) => item.path === path));
    if (holder !== undefined) {
      if (holder.secret?.name === secretName) return;
      throw new InjectionError(InjectionErrorCode.MountConflict, `two secrets would both be the file ${SECRETS_MOUNT_DIR}/${path}`);
    }
    edit.updateVolume(EMBEDDED_SECRET_VOLUME, (target) => (target['projected'] as { sources: unknown[] }).sources.push(source));
  }
}

/**
 * Records a write of a managed Secret for when the pod is admitted (PodEdit.onAdmit): a pod denied on
 * a later secret writes nothing. A dry run writes nothing at all. A failed write denies the pod whatever
 * onBackendFailure says, since the pod would reference a Secret that is not there.
 */
function writeOnAdmit(edit: PodEdit, context: InjectionContext, write: (signal: AbortSignal) => Promise<void>): void {
  if (context.dryRun) return;
  edit.onAdmit(async (signal) => {
    try {
      await write(signal);
    } catch (error) {
      if (error instanceof PodSecretWriteError) throw new InjectionError('SecretWriteFailure', error.message);
      throw error;
    }
  });
}

/** A source of the projected volume, as far as it is read here. */
interface ProjectedSecret {
  readonly secret?: { readonly name?: string; readonly items?: readonly { readonly path?: string }[] };
}

/**
 * The scope the pod may read. The namespace is the request's (the API server's word); the pod's own
 * metadata.namespace counts only where the request has none, and a pod that names another namespace
 * than its request is refused: the API server never sends one, so the request is forged.
 */
function scopeOf(edit: PodEdit, context: InjectionContext, mapping: NamespaceMapping): SecretOwner {
  const own = edit.pod.metadata?.namespace;
  if (typeof own === 'string' && own !== '' && own !== context.namespace) {
    throw new InjectionError(
      'SecretRequirementsError',
      `the pod's metadata.namespace "${own}" is not the namespace "${context.namespace}" it is created in; podsecrets reads secrets only for a pod whose metadata.namespace is absent or the request's namespace`,
    );
  }
  return namespaceBoundScope(edit.pod.metadata?.labels ?? {}, context.namespace, mapping);
}

function utf8Text(found: FoundSecret, key: string): string {
  if (typeof found.value === 'string') return found.value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(found.value);
  } catch {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `the value of key "${key}" (${describeScope(found.id)}) is binary, not UTF-8 text, so it cannot be an environment variable; ask for it as FILE`,
    );
  }
}
