const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds in a Go duration such as `1h30m`, `90s` or `500ms` (the config's `go-duration` format, the
 * form Flyte's configuration uses). The config schema has already checked the shape; `key` names the
 * setting in the error if it has not.
 */
export function parseGoDuration(text: string, key = 'duration'): number {
  let total = 0;
  let matched = '';
  for (const [part, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1000);
    matched += part;
  }
  if (matched === '' || matched !== text) throw new Error(`${key}: ${JSON.stringify(text)} is not a Go duration such as 30s, 1m30s or 500ms`);
  return total;
}

/** A duration in milliseconds as the shortest Go duration that says it, e.g. `1h30m`, `500ms`, `0s`: to name a setting's value in a message. */
export function formatGoDuration(ms: number): string {
  let rest = ms;
  let text = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    const whole = Math.floor(rest / size);
    if (whole > 0) text += `${whole}${unit}`;
    rest -= whole * size;
  }
  if (rest > 0) text += `${Number(rest.toFixed(6))}ms`;
  return text === '' ? '0s' : text;
}
