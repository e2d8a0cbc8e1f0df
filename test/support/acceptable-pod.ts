import { expect } from 'chai';
import { Pod as PodModel } from 'kubernetes-models/v1/Pod';
import { isDnsLabel, isDnsSubdomain, isSecretDataKey } from '../../core/index.js';
import { isEnvVarName } from '../../core/naming/k8s-name-rules.js';

type Json = Record<string, unknown>;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/**
 * The problems the API server would find in `pod`: the OpenAPI schema (kubernetes-models) plus the
 * name and uniqueness rules that the schema does not carry. Empty when the pod would be accepted.
 */
export function podProblems(pod: unknown): string[] {
  const problems: string[] = [];
  try {
    new PodModel(pod as ConstructorParameters<typeof PodModel>[0]).validate();
  } catch (error) {
    problems.push(`schema: ${(error as Error).message}`);
  }
  const spec = ((pod as Json)['spec'] ?? {}) as Json;
  const volumes = list(spec['volumes']);
  const volumeNames = new Set<string>();
  for (const volume of volumes) {
    const name = String(volume['name']);
    if (!isDnsLabel(name)) problems.push(`volume name "${name}" is not a DNS label`);
    if (volumeNames.has(name)) problems.push(`volume name "${name}" is used twice`);
    volumeNames.add(name);
    const secret = volume['secret'] as Json | undefined;
    if (secret !== undefined) {
      if (!isDnsSubdomain(String(secret['secretName']))) problems.push(`volume "${name}": secretName "${String(secret['secretName'])}" is not a DNS subdomain`);
      const paths = new Set<string>();
      for (const item of list(secret['items'])) {
        const path = String(item['path']);
        if (!isSecretDataKey(String(item['key']))) problems.push(`volume "${name}": item key "${String(item['key'])}" is not a valid key`);
        if (path.startsWith('/') || path.split('/').includes('..')) problems.push(`volume "${name}": item path "${path}" is not relative`);
        if (paths.has(path)) problems.push(`volume "${name}": item path "${path}" is used twice`);
        paths.add(path);
      }
    }
  }
  const containerNames = new Set<string>();
  for (const [field, containers] of [
    ['initContainers', list(spec['initContainers'])],
    ['containers', list(spec['containers'])],
  ] as const) {
    for (const container of containers) {
      const name = String(container['name']);
      const where = `${field} "${name}"`;
      if (!isDnsLabel(name)) problems.push(`${where}: name is not a DNS label`);
      if (containerNames.has(name)) problems.push(`${where}: name is used twice`);
      containerNames.add(name);
      const envNames = new Set<string>();
      for (const env of list(container['env'])) {
        const envName = String(env['name']);
        if (!isEnvVarName(envName)) problems.push(`${where}: env name "${envName}" is not valid`);
        if (envNames.has(envName)) problems.push(`${where}: env name "${envName}" is used twice`);
        envNames.add(envName);
        const ref = ((env['valueFrom'] as Json | undefined)?.['secretKeyRef'] ?? undefined) as Json | undefined;
        if (ref !== undefined && !isDnsSubdomain(String(ref['name']))) problems.push(`${where}: env "${envName}" references Secret "${String(ref['name'])}"`);
      }
      const mountPaths = new Set<string>();
      for (const mount of list(container['volumeMounts'])) {
        const mountPath = String(mount['mountPath']);
        if (!volumeNames.has(String(mount['name']))) problems.push(`${where}: mount of missing volume "${String(mount['name'])}"`);
        if (mountPaths.has(mountPath)) problems.push(`${where}: mount path "${mountPath}" is used twice`);
        mountPaths.add(mountPath);
      }
    }
  }
  return problems;
}

/** Asserts that the API server would accept `pod`. */
export function expectAcceptablePod(pod: unknown): void {
  expect(podProblems(pod), 'problems the API server would find').to.deep.equal([]);
}
