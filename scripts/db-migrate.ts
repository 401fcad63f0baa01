/**
 * `npm run db:migrate`: applies drizzle/ to DATABASE_URL (Neon or any Postgres), or to the
 * embedded database in PGLITE_DIR when DATABASE_URL is unset.
 */
import { loadEnvConfig } from '@next/env';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

async function main() {
  const { getDb, migrateDatabase } = await import('../lib/db/client');
  const db = await getDb();
  await migrateDatabase(db);
  console.log(
    process.env.DATABASE_URL
      ? 'Migrations applied to DATABASE_URL.'
      : `Migrations applied to the embedded database in ${process.env.PGLITE_DIR || '.data/pglite'}.`,
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseLockedError ? error.message : error);
  process.exit(1);
});
