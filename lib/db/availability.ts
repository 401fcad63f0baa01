/**
 * "Is the database reachable?", as this server process last saw it (ERR-01). When opening the
 * database or a request fails because the database cannot be reached, the next requests for a
 * few seconds get a plain "service temporarily unavailable" page (HTTP 503, Retry-After) from
 * middleware instead of each waiting for the same failure; then one request tries again.
 *
 * The flag lives on globalThis (middleware and pages share the process with `runtime: 'nodejs'`)
 * and imports nothing, so middleware stays free of database code.
 */
export const UNAVAILABLE_RETRY_SECONDS = 5;

const state = globalThis as typeof globalThis & { __monsoDbDownUntil?: number };

export function markDatabaseUnavailable(now = Date.now()): void {
  state.__monsoDbDownUntil = now + UNAVAILABLE_RETRY_SECONDS * 1000;
}

export function databaseRecentlyUnavailable(now = Date.now()): boolean {
  return (state.__monsoDbDownUntil ?? 0) > now;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const NETWORK_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|connection timeout|WebSocket|getaddrinfo|socket hang up/i;

/**
 * True for an error (or any error in its `cause` chain) that means "the database cannot be
 * reached": a network failure, a PostgreSQL connection-exception (SQLSTATE 08…) or shutdown
 * (57P0…), or the embedded database held by another process. Never true for a failed query.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || code.startsWith('08') || code.startsWith('57P0')) return true;
    if (e.name === 'DatabaseLockedError') return true;
    if (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailableError)) return true;
    current = e.cause;
  }
  return false;
}
