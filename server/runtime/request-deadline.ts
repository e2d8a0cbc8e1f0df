import { parseGoDuration } from '../../core/index.js';

// The API server passes its own deadline as ?timeout=<Go duration>; work past it is wasted, so the
// admission's signal fires a little earlier, leaving time to answer.
const DEFAULT_DEADLINE_MS = 10_000;
const MAX_DEADLINE_MS = 30_000;
const SAFETY_FRACTION = 0.9;

/** Milliseconds the admission may take, from the request's `timeout` query parameter (10 s without one). */
export function admissionDeadlineMs(timeout: unknown): number {
  let total = DEFAULT_DEADLINE_MS;
  if (typeof timeout === 'string' && timeout !== '') {
    try {
      const given = parseGoDuration(timeout, 'timeout');
      total = given > 0 ? given : DEFAULT_DEADLINE_MS;
    } catch {
      total = DEFAULT_DEADLINE_MS;
    }
  }
  return Math.min(total, MAX_DEADLINE_MS) * SAFETY_FRACTION;
}
