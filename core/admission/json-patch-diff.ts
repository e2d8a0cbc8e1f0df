import type { Operation } from 'rfc6902';

// A JSON Patch (RFC 6902) from `before` to `after`, made for what podsecrets does to a pod: it inserts
// into lists (env vars first, mounts and volumes last, init containers first) and leaves most of the
// pod alone, sharing the untouched parts with the request's object. A generic minimal-edit diff
// (rfc6902's createPatch) compares every pair of list elements, which grows with the square of the
// list and was most of the cost of an admission. Here a subtree that is the same object costs
// nothing, and a list is compared by its common head and tail: what lies between is diffed element
// by element, then added or removed. The patch is correct for any pair of JSON values; it is only
// shortest for the insertions and appends podsecrets makes.
//
// podsecrets puts the same variables and mounts into every container, as one shared object each: the
// second time such an object is added, the patch copies it from where it was first added (RFC 6902
// `copy`) instead of spelling it out again. The patch is serialized, base64-encoded and serialized
// again in the answer, and this makes it about a sixth shorter for two containers, a third for eight.
// The source stays where it is: the diff never goes back to a place it has left, and never goes into a
// value it added whole.

type Json = unknown;
type JsonRecord = Record<string, unknown>;

/** The operations made so far, and where each object added whole was put. */
class PatchBuilder {
  readonly operations: Operation[] = [];
  #added: Map<object, string> | undefined;

  add(path: string, value: Json): void {
    if (typeof value !== 'object' || value === null) {
      this.operations.push({ op: 'add', path, value });
      return;
    }
    this.#added ??= new Map();
    const from = this.#added.get(value);
    if (from !== undefined) {
      this.operations.push({ op: 'copy', from, path });
      return;
    }
    this.#added.set(value, path);
    this.operations.push({ op: 'add', path, value });
  }
}

function isRecord(value: Json): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901: "~" and "/" in a key are escaped in a JSON Pointer. */
function pointerTo(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}/${key}`;
  if (!key.includes('~') && !key.includes('/')) return `${parent}/${key}`;
  return `${parent}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** Whether two JSON values are equal; a key whose value is undefined counts as absent, as in JSON.stringify. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as JsonRecord;
  const right = b as JsonRecord;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || left[key] === undefined) continue;
    if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
    count++;
  }
  for (const key in right) {
    if (Object.hasOwn(right, key) && right[key] !== undefined) count--;
  }
  return count === 0;
}

function diffRecords(before: JsonRecord, after: JsonRecord, path: string, patch: PatchBuilder): void {
  for (const key in before) {
    if (!Object.hasOwn(before, key) || before[key] === undefined) continue;
    if (!Object.hasOwn(after, key) || after[key] === undefined) patch.operations.push({ op: 'remove', path: pointerTo(path, key) });
  }
  for (const key in after) {
    if (!Object.hasOwn(after, key)) continue;
    const value = after[key];
    const old = before[key];
    // Most of a pod is shared with the request's object: no pointer is built for what did not change.
    if (value === undefined || (value === old && Object.hasOwn(before, key))) continue;
    if (!Object.hasOwn(before, key) || old === undefined) patch.add(pointerTo(path, key), value);
    else diffValues(old, value, pointerTo(path, key), patch);
  }
}

function diffArrays(before: readonly Json[], after: readonly Json[], path: string, patch: PatchBuilder): void {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && jsonEqual(before[head], after[head])) head++;
  let tail = 0;
  while (tail < shorter - head && jsonEqual(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
  const removed = before.length - tail - head;
  const added = after.length - tail - head;
  const paired = Math.min(removed, added);
  for (let offset = 0; offset < paired; offset++) {
    if (before[head + offset] !== after[head + offset]) diffValues(before[head + offset], after[head + offset], pointerTo(path, head + offset), patch);
  }
  for (let offset = paired; offset < added; offset++) {
    patch.add(pointerTo(path, head + offset), after[head + offset]);
  }
  for (let offset = paired; offset < removed; offset++) {
    patch.operations.push({ op: 'remove', path: pointerTo(path, head + paired) });
  }
}

function diffValues(before: Json, after: Json, path: string, patch: PatchBuilder): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path, patch);
  if (isRecord(before) && isRecord(after)) return diffRecords(before, after, path, patch);
  if (!jsonEqual(before, after)) patch.operations.push({ op: 'replace', path, value: after });
}

/**
 * The operations that turn `before` into `after`, both plain JSON values (what JSON.parse returns,
 * with keys set to undefined read as absent). Neither value is changed; the operations' values are
 * parts of `after`, so serialize them before `after` is changed. An object or list that `after` holds
 * in two places, both new, is added once and copied to the second.
 */
export function diffJson(before: Json, after: Json): Operation[] {
  const patch = new PatchBuilder();
  diffValues(before, after, '', patch);
  return patch.operations;
}
