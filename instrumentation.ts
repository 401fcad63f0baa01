/**
 * Runs once when a server starts (Node runtime only): refuses to start production without its
 * secrets (SEC-01) and opens the database early, so the embedded one is created and migrated
 * before the first request instead of during it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { assertProductionSecrets } = await import('./lib/security/secrets');
  assertProductionSecrets();
  const { getDb } = await import('./lib/db/client');
  await getDb();
}
