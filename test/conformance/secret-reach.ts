import { expect } from 'chai';
import type { Pod } from '../../core/index.js';

type Json = Record<string, unknown>;
interface ContainerShape {
  readonly name: string;
  readonly volumeMounts?: readonly { readonly name: string; readonly readOnly?: boolean }[];
}

const containersOf = (pod: unknown, field: 'containers' | 'initContainers'): readonly ContainerShape[] => ((((pod as Json)['spec'] ?? {}) as Json)[field] as ContainerShape[] | undefined) ?? [];

/**
 * Checks that what an injector fetches reaches the app containers (spec.containers), not only the pod:
 * each volume that one of the injector's init containers writes is mounted in every app container. A
 * secret fetched into a volume no app container mounts is delivered nowhere, though the pod is valid and
 * the patch stable. (Variables need no such check: PodEdit.setEnv sets them in every container.)
 */
export function expectSecretsReachContainers(type: string, input: Pod, output: unknown): void {
  const ownVolumes = new Set((input.spec?.volumes ?? []).map((volume) => volume.name));
  const ownInitContainers = new Set((input.spec?.initContainers ?? []).map((container) => container.name));
  const written = new Set(
    containersOf(output, 'initContainers')
      .filter((container) => !ownInitContainers.has(container.name))
      .flatMap((container) => (container.volumeMounts ?? []).filter((mount) => mount.readOnly !== true).map((mount) => mount.name))
      .filter((volume) => !ownVolumes.has(volume)),
  );
  for (const container of containersOf(output, 'containers')) {
    const mounts = new Set((container.volumeMounts ?? []).map((mount) => mount.name));
    for (const volume of written) {
      expect(mounts.has(volume), `${type}'s init container writes secrets into volume "${volume}", which container "${container.name}" does not mount`).to.equal(true);
    }
  }
}
