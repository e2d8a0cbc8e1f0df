import { md5Hex, MountRequirement, type Pod, type SecretRequest } from '../../../core/index.js';
import { EmbeddedClock } from '../../../plugins/embedded/embedded-clock.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

export const FLYTE_LABELS = { organization: 'acme', project: 'flytesnacks', domain: 'development' } as const;
/** The namespace FLYTE_LABELS render to through the default namespace_mapping.template. */
export const TASK_NAMESPACE = 'flytesnacks-development';
/** The organization the Embedded configs of these tests name, as FLYTE_LABELS do. */
export const ORGANIZATION = 'acme';

export function projectId(key: string): string {
  return `u__org__acme__domain__development__project__flytesnacks__key__${key}`;
}
export function domainId(key: string): string {
  return `u__org__acme__domain__development__project____key__${key}`;
}
export function orgId(key: string): string {
  return `u__org__acme__domain____project____key__${key}`;
}

/** Stores `value` where Flyte's secret service would: Secret md5(id) in namespace flyte, data key id. */
export function storeFlyteSecret(kube: FakeKubeApi, id: string, value: string | Uint8Array): void {
  kube.putSecret('flyte', md5Hex(id), { [id]: value });
}

/** A task pod in its scope's namespace, with Flyte v2's scope labels, asking for `secrets`. */
export function taskPod(secrets: Partial<SecretRequest>[], labels: Record<string, string> = FLYTE_LABELS, namespace = TASK_NAMESPACE): Pod {
  return podWithSecrets({ secrets, labels, namespace, containers: [{ name: 'main', image: 'python:3.12' }] });
}

export const ENV = MountRequirement.ENV_VAR;
export const FILE = MountRequirement.FILE;
export const ANY = MountRequirement.ANY;

/** A settable clock for the value cache. */
export class TestClock {
  now = 1_000_000;
  readonly read = (): number => this.now;
}

/** podsecrets with `secretManagerType: Embedded`, reading from and writing to `kube`. */
export function embeddedPodsecrets(kube: FakeKubeApi, embedded: Record<string, unknown> = {}, clock = new TestClock(), topLevel: Record<string, unknown> = {}) {
  return createTestPodsecrets({
    config: { ...topLevel, webhook: { secretManagerType: 'Embedded', embeddedSecretManagerConfig: { kubeconfig: kube.kubeconfigFile, organization: ORGANIZATION, ...embedded } } },
    configure: (container) => {
      container.unbind(EmbeddedClock);
      container.bind(EmbeddedClock).toConstantValue(clock.read);
    },
  });
}

/** The env of the pod's container `name`. */
export function envOf(pod: Record<string, unknown>, name = 'main', field: 'containers' | 'initContainers' = 'containers'): unknown[] {
  const containers = ((pod['spec'] as Record<string, unknown>)[field] ?? []) as { name: string; env?: unknown[] }[];
  return containers.find((container) => container.name === name)?.env ?? [];
}
