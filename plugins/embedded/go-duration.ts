const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds in a Go duration (`90s`, `1m30s`, `500ms`), the form Flyte's configuration uses.
 * The config schema has already checked the shape; `key` names the setting if it has not.
 */
export function goDurationMs(text: string, key: string): number {
  let total = 0;
  let matched = '';
  for (const [part, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
    matched += part;
  }
  if (matched !== text || Number.isNaN(total)) throw new Error(`${key}: "${text}" is not a Go duration such as 30s, 1m30s or 500ms`);
  return total;
}
