import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a Kubernetes API error, or undefined for anything else (a network error). */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

export const isNotFound = (error: unknown): boolean => apiStatus(error) === 404;
/** AlreadyExists on create and Conflict on a stale resourceVersion are both 409. */
export const isConflict = (error: unknown): boolean => apiStatus(error) === 409;

/** A Kubernetes API error as one line: the status and the API server's own message, never a request body. */
export function describeApiError(error: unknown): string {
  if (error instanceof ApiException) {
    const body = error.body as unknown;
    let message: unknown;
    try {
      message = (typeof body === 'string' ? (JSON.parse(body) as { message?: unknown }) : (body as { message?: unknown } | undefined))?.message;
    } catch {
      message = undefined;
    }
    return `HTTP ${error.code}${typeof message === 'string' ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
