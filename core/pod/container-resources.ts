import { isJsonObject } from '../json/is-json-object.js';
import { parseQuantity } from './resource-quantity.js';

/** A container's `resources`, as podsecrets writes it: quantities as strings. */
export interface ContainerResources {
  readonly requests: Readonly<Record<string, string>>;
  readonly limits: Readonly<Record<string, string>>;
}

// A resource name is a qualified name: `cpu`, `memory`, `ephemeral-storage`, `nvidia.com/gpu`.
const RESOURCE_NAME = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const FIELDS = ['requests', 'limits'] as const;

/** A quantity from configuration, where YAML may have made `cpu: 1` a number. */
function quantityText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? String(value) : undefined;
  return typeof value === 'string' && parseQuantity(value) !== undefined ? value : undefined;
}

/**
 * `given` laid over `defaults` map by map, as Flyte's configuration decoder does: a quantity that
 * `given` names replaces the default's, the others stay. Call it only on a value that
 * {@link containerResourcesProblems} accepts.
 */
export function mergeContainerResources(defaults: ContainerResources, given: unknown): ContainerResources {
  const source = isJsonObject(given) ? given : {};
  const merged = { requests: { ...defaults.requests }, limits: { ...defaults.limits } };
  for (const field of FIELDS) {
    const quantities = source[field];
    if (!isJsonObject(quantities)) continue;
    for (const [name, value] of Object.entries(quantities)) merged[field][name] = quantityText(value) ?? String(value);
  }
  return merged;
}

/**
 * What the API server would refuse in `value` once merged over `defaults`: a field other than
 * `requests` and `limits`, a resource name or quantity it does not accept, a request above its limit.
 * Each problem names the resource and says what is accepted; empty when the value is usable.
 */
export function containerResourcesProblems(value: unknown, defaults: ContainerResources): string[] {
  if (!isJsonObject(value)) return ['must be a mapping with requests and/or limits'];
  const problems: string[] = [];
  for (const [field, quantities] of Object.entries(value)) {
    if (field !== 'requests' && field !== 'limits') {
      problems.push(`unknown field "${field}" (accepted: requests, limits)`);
      continue;
    }
    if (quantities === null || quantities === undefined) continue;
    if (!isJsonObject(quantities)) {
      problems.push(`${field} must be a mapping of resource name to quantity, e.g. {cpu: 200m, memory: 500Mi}`);
      continue;
    }
    for (const [name, quantity] of Object.entries(quantities)) {
      if (!RESOURCE_NAME.test(name)) problems.push(`${field}: "${name}" is not a resource name (e.g. cpu, memory, nvidia.com/gpu)`);
      if (quantityText(quantity) === undefined) {
        problems.push(`${field}.${name}: ${JSON.stringify(quantity)} is not a quantity (a non-negative number with an optional suffix: m, k, M, G, Ki, Mi, Gi, ...)`);
      }
    }
  }
  if (problems.length > 0) return problems;
  const merged = mergeContainerResources(defaults, value);
  for (const [name, request] of Object.entries(merged.requests)) {
    const limit = merged.limits[name];
    if (limit !== undefined && (parseQuantity(request) ?? 0) > (parseQuantity(limit) ?? Infinity)) {
      problems.push(`requests.${name} (${request}) is above limits.${name} (${limit}); the API server refuses such a container`);
    }
  }
  return problems;
}
