/**
 * A deep copy of a JSON value (objects, arrays and primitives, as pods are made of). structuredClone
 * serializes and deserializes, which costs microseconds per small object; an admission copies one
 * per env var, volume and init container it adds.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}
