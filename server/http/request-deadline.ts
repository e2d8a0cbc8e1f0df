// The API server passes its own deadline as ?timeout=<Go duration>; work past it is wasted, so the
// admission's signal fires a little earlier, leaving time to answer.
const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DEFAULT_DEADLINE_MS = 10_000;
const SAFETY_FRACTION = 0.9;

/** Milliseconds the admission may take, from the request's `timeout` query parameter (10 s without one). */
export function admissionDeadlineMs(timeout: unknown): number {
  if (typeof timeout !== 'string' || timeout === '') return DEFAULT_DEADLINE_MS * SAFETY_FRACTION;
  let total = 0;
  let matched = '';
  for (const [part, amount, unit] of timeout.matchAll(GO_DURATION_PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1000);
    matched += part;
  }
  if (matched !== timeout || total <= 0) return DEFAULT_DEADLINE_MS * SAFETY_FRACTION;
  return Math.min(total, 30_000) * SAFETY_FRACTION;
}
