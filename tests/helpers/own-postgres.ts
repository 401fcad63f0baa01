import { createRequire } from 'node:module';
import { vi } from 'vitest';
import { createNeonDb, migrateDatabase, type Db } from '@/lib/db/client';
import { resetPostgres, type PgModule } from './postgres';
import { startWsBridge } from './ws-bridge';

/**
 * A database of its own beside TEST_DATABASE_URL's (`<name>_<suffix>`), emptied and migrated, reached
 * through the production driver (a Neon Pool over a local WebSocket bridge). Its own, because
 * postgres-driver.test.ts empties TEST_DATABASE_URL's database and Vitest runs files in parallel.
 * `max`: the pool's connections (wide, so that many transactions really run at once).
 */
export async function openOwnPostgres(
  url: string,
  suffix: string,
  opts: { max?: number } = {},
): Promise<{ db: Db; close(): Promise<void> }> {
  const base = new URL(url);
  const name = `${decodeURIComponent(base.pathname.slice(1))}_${suffix}`;
  const own = new URL(url);
  own.pathname = `/${name}`;
  const { Client } = createRequire(import.meta.url)('pg') as PgModule;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) {
      await admin.query(`create database "${name.replace(/"/g, '""')}"`).catch((e: unknown) => {
        // Another run created it in between (duplicate_database).
        if ((e as { code?: string }).code !== '42P04') throw e;
      });
    }
  } finally {
    await admin.end();
  }
  const bridge = await startWsBridge();
  vi.stubEnv('NEON_WS_PROXY', bridge.proxy);
  await resetPostgres(own.toString());
  const pool = await createNeonDb(own.toString(), { max: opts.max ?? 40 });
  await migrateDatabase(pool.db, { neon: true });
  return {
    db: pool.db,
    async close() {
      await pool.close();
      await bridge.close();
      vi.unstubAllEnvs();
    },
  };
}
