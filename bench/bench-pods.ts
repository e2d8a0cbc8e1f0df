import { MountRequirement, type Pod, type SecretRequest } from '../core/index.js';
import { podWithSecrets, reviewFor } from '../test/support/pod-builders.js';

// The pods the benchmark admits: K8s-backend secrets, alternately ENV_VAR and FILE, spread over a few
// Secrets so that FILE secrets of one group share a volume, in pods whose containers look like a real
// task's (image, command, resources, an env var and a mount of their own).

const GROUPS = 4;

/** `count` secret requests: even ones as env vars, odd ones as files, in {@link GROUPS} Secrets. */
export function benchSecrets(count: number): Partial<SecretRequest>[] {
  return Array.from({ length: count }, (_, index) => ({
    group: `team-secret-${index % GROUPS}`,
    key: `key-${index}`,
    mountRequirement: index % 2 === 0 ? MountRequirement.ENV_VAR : MountRequirement.FILE,
  }));
}

// A mutating webhook sees the pod after the API server has defaulted it and the ServiceAccount
// admission plugin has added the token volume, so the benchmark pods carry those fields too: the
// review is as large as the one a real cluster sends.
const TOKEN_VOLUME = 'kube-api-access-7xk2p';

function benchContainer(name: string): Record<string, unknown> {
  return {
    name,
    image: 'ghcr.io/flyteorg/flytekit:py3.11-1.14.0',
    imagePullPolicy: 'IfNotPresent',
    command: ['pyflyte-execute'],
    args: ['--inputs', 's3://bucket/metadata/inputs.pb', '--output-prefix', 's3://bucket/outputs/n0', '--raw-output-data-prefix', 's3://bucket/raw'],
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
    env: [
      { name: 'FLYTE_INTERNAL_EXECUTION_ID', value: 'a8x2kq9d4c' },
      { name: 'FLYTE_INTERNAL_EXECUTION_PROJECT', value: 'flytesnacks' },
      { name: 'FLYTE_INTERNAL_EXECUTION_DOMAIN', value: 'development' },
      { name: 'FLYTE_INTERNAL_TASK_NAME', value: 'workflows.example.train' },
    ],
    volumeMounts: [
      { name: 'scratch', mountPath: '/tmp/scratch' },
      { name: TOKEN_VOLUME, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}

const TOKEN_PROJECTION = {
  name: TOKEN_VOLUME,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

const DEFAULTED_SPEC = {
  restartPolicy: 'Never',
  serviceAccountName: 'default',
  serviceAccount: 'default',
  nodeSelector: { pool: 'cpu' },
  dnsPolicy: 'ClusterFirst',
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  tolerations: [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ],
};

/** A pod with `containers` containers asking for `secrets` secrets. */
export function benchPod(containers: number, secrets: number): Pod {
  return podWithSecrets({
    secrets: benchSecrets(secrets),
    containers: Array.from({ length: containers }, (_, index) => benchContainer(index === 0 ? 'main' : `sidecar-${index}`)),
    volumes: [{ name: 'scratch', emptyDir: {} }, TOKEN_PROJECTION],
    labels: { 'execution-id': 'a8x2kq9d4c', 'node-id': 'n0', 'task-name': 'workflows-example-train', interruptible: 'false' },
    annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
    spec: DEFAULTED_SPEC,
  });
}

/** The AdmissionReview for {@link benchPod}, as the API server would send it. */
export function benchReview(containers: number, secrets: number): Record<string, unknown> {
  return reviewFor(benchPod(containers, secrets));
}

/** The pod the HTTP, in-process and memory runs send: a task with a sidecar, asking for four secrets. */
export const TYPICAL_POD = { containers: 2, secrets: 4 } as const;
