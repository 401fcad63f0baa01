/**
 * Runs once when a server starts (Node runtime only): puts the security headers on every
 * response and refuses TRACE (lib/security/http-guard.ts), refuses to start production without
 * its secrets (SEC-01) or without a client address it can trust (LOG-06), then starts opening the
 * database in the background, so the embedded one is created and migrated before it is needed —
 * without holding back pages that need no database (the login page answers while PGlite is
 * still opening).
 */
/**
 * Every error a request ends with: one that means the database cannot be reached starts the
 * short "service unavailable" spell of middleware (lib/db/availability.ts, ERR-01).
 */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { isDatabaseUnavailableError, markDatabaseUnavailable } =
    await import('./lib/db/availability');
  if (isDatabaseUnavailableError(error)) markDatabaseUnavailable();
}

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installHttpGuard } = await import('./lib/security/http-guard');
  installHttpGuard();
  const { assertProductionSecrets } = await import('./lib/security/secrets');
  assertProductionSecrets();
  const { assertClientIpSource } = await import('./lib/security/client-ip');
  assertClientIpSource();
  const { getDb } = await import('./lib/db/client');
  getDb().catch((error: unknown) => {
    // The first request that needs the database tries again and answers with the error page.
    console.error('The database could not be opened at start-up:', error);
  });
}
