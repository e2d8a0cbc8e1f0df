import { isJsonObject } from '../json/is-json-object.js';
import { isDnsLabel } from '../naming/k8s-name-rules.js';
import { parseQuantity } from './resource-quantity.js';

/** One entry of a container's `resources.claims`: a DRA claim of the pod (`spec.resourceClaims`) by name. */
export interface ResourceClaim {
  readonly name: string;
  readonly request?: string;
}

/** A container's `resources`, as podsecrets writes it: quantities as strings. */
export interface ContainerResources {
  readonly requests: Readonly<Record<string, string>>;
  readonly limits: Readonly<Record<string, string>>;
  readonly claims?: readonly ResourceClaim[];
}

// A resource name is a qualified name: `cpu`, `memory`, `ephemeral-storage`, `nvidia.com/gpu`.
const RESOURCE_NAME = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const MAPS = ['requests', 'limits'] as const;
const FIELD_NAMES = ['requests', 'limits', 'claims'];
const CLAIM_FIELDS = ['name', 'request'];
const FIELDS = FIELD_NAMES.join(', ');

/** A quantity from configuration, where YAML may have made `cpu: 1` a number. */
function quantityText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? String(value) : undefined;
  return typeof value === 'string' && parseQuantity(value) !== undefined ? value : undefined;
}

/**
 * `value` with the fields `names` lists spelled as listed, matched without regard to case as Flyte's
 * decoder matches struct fields (`Requests`, `LIMITS`); other keys are kept as written. The configuration
 * loader lays the file's mapping over the default's, so a differently spelled field comes later and wins.
 */
function canonicalFields(value: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [names.find((name) => name === key.toLowerCase()) ?? key, entry]));
}

/** Whether a configured map or list gives anything: Flyte's loader drops an empty or null one, keeping the default. */
function isGiven(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isJsonObject(value) && Object.keys(value).length > 0;
}

/**
 * `given` laid over `defaults` as Flyte's configuration decoder does: a `requests`, `limits` or `claims`
 * that `given` holds replaces the default's whole (the decoder zeroes the field first), so
 * `limits: {memory: 1Gi}` drops the default CPU limit; one it leaves out, or leaves empty, keeps the
 * default. Call it only on a value that {@link containerResourcesProblems} accepts.
 */
export function mergeContainerResources(defaults: ContainerResources, given: unknown): ContainerResources {
  const source = isJsonObject(given) ? canonicalFields(given, FIELD_NAMES) : {};
  const merged: { requests: Record<string, string>; limits: Record<string, string>; claims?: ResourceClaim[] } = {
    requests: { ...defaults.requests },
    limits: { ...defaults.limits },
  };
  for (const field of MAPS) {
    const quantities = source[field];
    if (!isGiven(quantities)) continue;
    merged[field] = Object.fromEntries(Object.entries(quantities as Record<string, unknown>).map(([name, value]) => [name, quantityText(value) ?? String(value)]));
  }
  const claims = isGiven(source['claims']) ? (source['claims'] as Record<string, unknown>[]).map((claim) => canonicalFields(claim, CLAIM_FIELDS) as unknown as ResourceClaim) : defaults.claims;
  if (claims !== undefined && claims.length > 0) merged.claims = claims.map((claim) => ({ ...claim }));
  return merged;
}

/** What is wrong with a `claims` list: each entry `{name, request?}`, names DNS labels, none twice. */
function claimsProblems(claims: unknown): string[] {
  if (!Array.isArray(claims)) return ['claims must be a list of {name, request}, e.g. [{name: gpu}]'];
  const problems: string[] = [];
  const seen = new Set<string>();
  claims.forEach((entry: unknown, index) => {
    const where = `claims[${index}]`;
    if (!isJsonObject(entry)) {
      problems.push(`${where} must be a mapping {name, request}`);
      return;
    }
    const claim = canonicalFields(entry, CLAIM_FIELDS);
    for (const key of Object.keys(claim)) {
      if (key !== 'name' && key !== 'request') problems.push(`${where}: unknown field "${key}" (accepted: name, request)`);
    }
    const { name, request } = claim;
    if (typeof name !== 'string' || !isDnsLabel(name)) problems.push(`${where}.name: ${JSON.stringify(name)} must name one of the pod's spec.resourceClaims (a DNS label)`);
    else if (seen.has(`${name}/${String(request ?? '')}`)) problems.push(`${where}: claim "${name}" is listed twice`);
    else seen.add(`${name}/${String(request ?? '')}`);
    if (request !== undefined && (typeof request !== 'string' || !isDnsLabel(request))) problems.push(`${where}.request: ${JSON.stringify(request)} must be a DNS label`);
  });
  return problems;
}

/**
 * What the API server would refuse in `value` once merged over `defaults`: a field other than
 * `requests`, `limits` and `claims`, a resource name or quantity it does not accept, a request above
 * its limit, a malformed claim. Each problem names the field and says what is accepted; empty when the
 * value is usable.
 */
export function containerResourcesProblems(value: unknown, defaults: ContainerResources): string[] {
  if (!isJsonObject(value)) return [`must be a mapping with ${FIELDS}`];
  const problems: string[] = [];
  for (const [field, entries] of Object.entries(canonicalFields(value, FIELD_NAMES))) {
    if (entries === null || entries === undefined) continue;
    if (field === 'claims') {
      problems.push(...claimsProblems(entries));
      continue;
    }
    if (field !== 'requests' && field !== 'limits') {
      problems.push(`unknown field "${field}" (accepted: ${FIELDS})`);
      continue;
    }
    if (!isJsonObject(entries)) {
      problems.push(`${field} must be a mapping of resource name to quantity, e.g. {cpu: 200m, memory: 500Mi}`);
      continue;
    }
    for (const [name, quantity] of Object.entries(entries)) {
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

/** The `resources` of a container podsecrets adds: a copy, without the maps that are empty (Go's omitempty). */
export function containerResourcesSpec(resources: ContainerResources): Record<string, unknown> {
  return {
    ...(Object.keys(resources.requests).length > 0 ? { requests: { ...resources.requests } } : {}),
    ...(Object.keys(resources.limits).length > 0 ? { limits: { ...resources.limits } } : {}),
    ...(resources.claims !== undefined && resources.claims.length > 0 ? { claims: resources.claims.map((claim) => ({ ...claim })) } : {}),
  };
}

/**
 * The claims of `resources` that the pod does not declare in `spec.resourceClaims`: the API server
 * refuses a container that names one of those, so the injector says so instead.
 */
export function undeclaredResourceClaims(resources: ContainerResources, podClaims: unknown): string[] {
  const declared = new Set(Array.isArray(podClaims) ? podClaims.map((claim: unknown) => (isJsonObject(claim) ? claim['name'] : undefined)) : []);
  return (resources.claims ?? []).map((claim) => claim.name).filter((name) => !declared.has(name));
}
