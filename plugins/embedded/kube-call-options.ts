/** The HTTP status of a client-node ApiException, or undefined for anything else (network, abort). */
export function apiStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
