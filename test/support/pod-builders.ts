import { type Pod, type SecretRequest, secretRequest } from '../../core/index.js';
import { encodeSecretAnnotations } from '../../core/wire/secret-annotations.js';

export interface PodOptions {
  readonly secrets?: readonly Partial<SecretRequest>[];
  readonly containers?: readonly Record<string, unknown>[];
  readonly initContainers?: readonly Record<string, unknown>[];
  readonly volumes?: readonly Record<string, unknown>[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly namespace?: string;
  readonly spec?: Readonly<Record<string, unknown>>;
}

/** A pod that asks for `secrets` in Flyte's wire format, with the label the webhook registration selects on. */
export function podWithSecrets(options: PodOptions = {}): Pod {
  const secrets = (options.secrets ?? []).map((fields) => secretRequest(fields));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'task',
      namespace: options.namespace ?? 'team-a',
      labels: { 'inject-flyte-secrets': 'true', ...options.labels },
      annotations: { ...encodeSecretAnnotations(secrets), ...options.annotations },
    },
    spec: {
      containers: (options.containers ?? [{ name: 'main', image: 'busybox' }]) as Pod['spec']['containers'],
      ...(options.initContainers !== undefined ? { initContainers: options.initContainers as Pod['spec']['containers'] } : {}),
      ...(options.volumes !== undefined ? { volumes: options.volumes as NonNullable<Pod['spec']['volumes']> } : {}),
      ...options.spec,
    },
  };
}

export interface ReviewOptions {
  readonly apiVersion?: 'admission.k8s.io/v1' | 'admission.k8s.io/v1beta1';
  readonly uid?: string;
  readonly namespace?: string;
  readonly dryRun?: boolean;
  readonly operation?: string;
}

/** An AdmissionReview for creating `pod`, as the API server sends it. */
export function reviewFor(pod: unknown, options: ReviewOptions = {}): Record<string, unknown> {
  const namespace = options.namespace ?? (pod as Pod).metadata?.namespace ?? 'default';
  return {
    apiVersion: options.apiVersion ?? 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: options.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      namespace,
      operation: options.operation ?? 'CREATE',
      userInfo: { username: 'system:serviceaccount:flyte:flytepropeller', groups: ['system:authenticated'] },
      object: pod,
      oldObject: null,
      dryRun: options.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}
