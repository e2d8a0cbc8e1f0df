import type { RequestHandler } from 'express';

/**
 * The deepest nesting of objects and arrays in `value`, counted without recursion, so that a hostile
 * body cannot overflow the stack here; stops counting once past `limit`.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

// A pod is a dozen levels deep; a body nested thousands deep is an attack on the recursive code that
// reads, clones and diffs it (stack overflow), and is refused before any of it runs.
export const MAX_JSON_DEPTH = 100;

/** Answers 400 for a parsed body nested deeper than {@link MAX_JSON_DEPTH}. */
export const refuseDeepJson: RequestHandler = (request, response, next) => {
  if (jsonDepthExceeds(request.body, MAX_JSON_DEPTH)) {
    response.status(400).json({ error: `the body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (accepted: an AdmissionReview)` });
    return;
  }
  next();
};
