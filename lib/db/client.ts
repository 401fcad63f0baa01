import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { markDatabaseUnavailable } from './availability';
import { acquirePgliteLock } from './pglite-lock';
import type { Db } from './types';

export type { Db } from './types';

const MIGRATIONS = path.join(process.cwd(), 'drizzle');

/** One connection per process, shared by every bundle Next.js loads (hence globalThis). */
const cache = globalThis as typeof globalThis & { __monsoDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  if (!cache.__monsoDb) {
    cache.__monsoDb = openDb().catch((error: unknown) => {
      // A rejected open must not be cached: the next request tries again, after the short
      // "service unavailable" spell middleware gives meanwhile (ERR-01).
      cache.__monsoDb = undefined;
      markDatabaseUnavailable();
      throw error;
    });
  }
  return cache.__monsoDb;
}

async function openDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  return url ? openNeon(url) : openPglite(process.env.PGLITE_DIR || '.data/pglite');
}

/**
 * Settings for the embedded database on top of PGlite's own. Its 128 MB of shared buffers live
 * in the server's memory (WebAssembly, which never shrinks): 16 MB hold this portal's tables
 * many times over, and the server ends a bench run ≈ 75 MiB smaller (bench/CHANGES.md).
 * Command-line settings, not `postgresqlconf`, which would overwrite initdb's postgresql.conf.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

async function openPglite(dir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  acquirePgliteLock(dir);
  const client = await PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return db as unknown as Db;
}

/**
 * Postgres through the Neon serverless driver (WebSocket Pool: the flows need interactive
 * transactions). NEON_WS_PROXY points the driver at a local WebSocket→TCP bridge, for tests and
 * benchmarks against a plain PostgreSQL (see tests/helpers/ws-bridge.ts).
 */
async function openNeon(url: string): Promise<Db> {
  // The process-wide connection lives as long as the process: nothing closes it.
  return (await createNeonDb(url)).db;
}

/**
 * A Neon Pool and its drizzle database, with a way to close the pool: what openNeon uses, and
 * what tests and benchmarks call to open (and close) their own pool beside the shared one
 * (`max`: the most connections it opens; 5 by default).
 * The driver settings are process-wide (neonConfig), read from NEON_WS_PROXY on every call.
 */
export async function createNeonDb(
  url: string,
  opts: { max?: number } = {},
): Promise<{ db: Db; close(): Promise<void> }> {
  const { Pool, neonConfig } = await import('@neondatabase/serverless');
  const { drizzle } = await import('drizzle-orm/neon-serverless');
  if (typeof WebSocket === 'undefined') {
    const { default: ws } = await import('ws');
    neonConfig.webSocketConstructor = ws;
  }
  const proxy = process.env.NEON_WS_PROXY;
  if (proxy) {
    // A plain PostgreSQL behind a bridge: no TLS inside the WebSocket, and no pipelining (with
    // it on, SCRAM authentication fails: "invalid SASL authentication mechanism").
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: opts.max ?? 5 });
  const db = drizzle(pool, { schema }) as unknown as Db;
  return { db, close: () => pool.end() };
}

/**
 * Applies the drizzle-kit migrations to a Postgres database reached through the Neon driver.
 * `neon` says which driver `db` uses; by default, the one getDb() picks (Neon when DATABASE_URL
 * is set). The embedded database is migrated when it is opened, so there is nothing to do.
 */
export async function migrateDatabase(db: Db, opts: { neon?: boolean } = {}): Promise<void> {
  if (opts.neon ?? Boolean(process.env.DATABASE_URL)) {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(db as never, { migrationsFolder: MIGRATIONS });
  }
}
