import { isJsonObject } from '../json/is-json-object.js';
import type { Pod } from './pod-types.js';
import { PodShapeError } from './pod-shape-error.js';

// Checks the shape of every field podsecrets reads or writes, before any edit, so that a malformed
// object gets one clear message instead of a TypeError halfway through a mutation.

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (!isJsonObject(value)) throw new PodShapeError(field, `expected an object, got ${kindOf(value)}`);
  return value;
}

function expectStringMap(value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  const map = expectObject(value, field);
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry !== 'string') throw new PodShapeError(`${field}["${key}"]`, `expected a string, got ${kindOf(entry)}`);
  }
}

function expectNamedList(value: unknown, field: string, required: boolean, check?: (item: Record<string, unknown>, path: string) => void): void {
  if (value === undefined || value === null) {
    if (required) throw new PodShapeError(field, 'is required: a list with at least one entry');
    return;
  }
  if (!Array.isArray(value)) throw new PodShapeError(field, `expected a list, got ${kindOf(value)}`);
  if (required && value.length === 0) throw new PodShapeError(field, 'is required: a list with at least one entry');
  value.forEach((item, index) => {
    const path = `${field}[${index}]`;
    const entry = expectObject(item, path);
    if (typeof entry['name'] !== 'string') throw new PodShapeError(`${path}.name`, `expected a string, got ${kindOf(entry['name'])}`);
    check?.(entry, path);
  });
}

function checkContainer(container: Record<string, unknown>, path: string): void {
  expectNamedList(container['env'], `${path}.env`, false);
  expectNamedList(container['volumeMounts'], `${path}.volumeMounts`, false, (mount, mountPath) => {
    if (typeof mount['mountPath'] !== 'string') {
      throw new PodShapeError(`${mountPath}.mountPath`, `expected a string, got ${kindOf(mount['mountPath'])}`);
    }
  });
}

// Injectors read a secret volume's secretName and items to merge into the volumes they made.
function checkVolume(volume: Record<string, unknown>, path: string): void {
  const secret = volume['secret'];
  if (secret === undefined || secret === null) return;
  const source = expectObject(secret, `${path}.secret`);
  if (source['secretName'] !== undefined && typeof source['secretName'] !== 'string') {
    throw new PodShapeError(`${path}.secret.secretName`, `expected a string, got ${kindOf(source['secretName'])}`);
  }
  const items = source['items'];
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) throw new PodShapeError(`${path}.secret.items`, `expected a list, got ${kindOf(items)}`);
  items.forEach((item, index) => {
    const itemPath = `${path}.secret.items[${index}]`;
    const entry = expectObject(item, itemPath);
    for (const field of ['key', 'path']) {
      if (typeof entry[field] !== 'string') throw new PodShapeError(`${itemPath}.${field}`, `expected a string, got ${kindOf(entry[field])}`);
    }
  });
}

/** Throws a {@link PodShapeError} naming the first field of `value` that a pod cannot have. */
export function assertPodShape(value: unknown): asserts value is Pod {
  const pod = expectObject(value, 'object');
  if (pod['kind'] !== undefined && pod['kind'] !== 'Pod') {
    throw new PodShapeError('kind', `expected "Pod", got ${JSON.stringify(pod['kind'])}`);
  }
  if (pod['metadata'] !== undefined) {
    const metadata = expectObject(pod['metadata'], 'metadata');
    expectStringMap(metadata['labels'], 'metadata.labels');
    expectStringMap(metadata['annotations'], 'metadata.annotations');
  }
  const spec = expectObject(pod['spec'], 'spec');
  expectNamedList(spec['containers'], 'spec.containers', true, checkContainer);
  expectNamedList(spec['initContainers'], 'spec.initContainers', false, checkContainer);
  expectNamedList(spec['volumes'], 'spec.volumes', false, checkVolume);
  expectNamedList(spec['imagePullSecrets'], 'spec.imagePullSecrets', false);
}
