// Go's time.ParseDuration, unit by unit: "µs" is U+00B5 (micro sign), "μs" U+03BC (Greek mu); Go takes both.
const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NANOS = (1n << 63n) - 1n;
const NUMBER_PART = /^(\d*)(?:\.(\d*))?/;
const UNIT_PART = /^[^\d.]+/;

/**
 * The nanoseconds a fraction adds, computed as Go does: the digits as an integer (those that would
 * overflow 63 bits are dropped) times unit / 10^digits in float64, truncated.
 */
function fractionNanos(digits: string, unit: bigint): bigint {
  let value = 0n;
  let scale = 1;
  for (const digit of digits) {
    const next = value * 10n + BigInt(digit);
    if (next > 1n << 63n) break;
    value = next;
    scale *= 10;
  }
  return value === 0n ? 0n : BigInt(Math.trunc(Number(value) * (Number(unit) / scale)));
}

/** Nanoseconds in `text` as Go's time.ParseDuration reads it, or Go's reason for refusing it. */
function goDurationNanos(text: string): bigint | string {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  // Go's one unit-less form.
  if (rest === '0') return 0n;
  if (rest === '') return 'invalid duration';
  let total = 0n;
  while (rest !== '') {
    const [number = '', whole = '', fraction] = NUMBER_PART.exec(rest) ?? [];
    if (whole === '' && (fraction ?? '') === '') return 'invalid duration';
    rest = rest.slice(number.length);
    const unit = UNIT_PART.exec(rest)?.[0];
    if (unit === undefined) return 'missing unit in duration';
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) return `unknown unit "${unit}" in duration`;
    rest = rest.slice(unit.length);
    total += BigInt(whole || '0') * scale + fractionNanos(fraction ?? '', scale);
    if (total > MAX_NANOS + 1n) return 'invalid duration';
  }
  if (negative) return -total;
  return total > MAX_NANOS ? 'invalid duration' : total;
}

/**
 * Nanoseconds in a duration as Flyte's configuration decoder reads one (flytestdlib `config.Duration`):
 * a string in Go's `time.ParseDuration` syntax (`1h30m`, `.5s`, `-2m`, `0`), the empty string or
 * nothing (zero), or a number, which counts nanoseconds. Throws naming `key` (when given), the value,
 * Go's reason and what is accepted.
 */
export function goDurationNanoseconds(value: unknown, key?: string): bigint {
  if (value === undefined || value === null || value === '') return 0n;
  const where = key === undefined ? '' : `${key}: ${JSON.stringify(value)} `;
  if (typeof value === 'number') {
    // Go converts the decoded float64 to time.Duration, truncating toward zero.
    if (Number.isFinite(value) && Math.abs(value) < 2 ** 63) return BigInt(Math.trunc(value));
    throw new Error(`${where}is out of range for a duration in nanoseconds (at most 292 years)`);
  }
  if (typeof value === 'string') {
    const nanos = goDurationNanos(value);
    if (typeof nanos === 'bigint') return nanos;
    throw new Error(`${where}is not a Go duration (Go: ${nanos}): give units ns, us, ms, s, m, h as in 30s, 1m30s or .5s, or 0, or a number of nanoseconds`);
  }
  throw new Error(`${where}is not a duration: give a Go duration such as 30s, 1m30s or 0, or a number of nanoseconds`);
}

/**
 * Milliseconds in a duration from configuration or a request: see {@link goDurationNanoseconds} for
 * what is accepted. Fractions of a millisecond are kept.
 */
export function parseGoDuration(value: unknown, key?: string): number {
  return Number(goDurationNanoseconds(value, key)) / 1e6;
}

/** A duration in milliseconds as the shortest Go duration that says it, e.g. `1h30m`, `500ms`, `0s`: to name a setting's value in a message. */
export function formatGoDuration(ms: number): string {
  let rest = ms;
  let text = '';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    const whole = Math.floor(rest / size);
    if (whole > 0) text += `${whole}${unit}`;
    rest -= whole * size;
  }
  if (rest > 0) text += `${Number(rest.toFixed(6))}ms`;
  return text === '' ? '0s' : text;
}
