import type { Db } from '@/lib/db/client';
import { createTestDb } from './db';
import { openOwnPostgres } from './own-postgres';

/** A database a suite runs on: the embedded PGlite always, PostgreSQL when TEST_DATABASE_URL. */
export interface Backend {
  name: string;
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

/**
 * The backends for `describe.each`: PGlite, and with TEST_DATABASE_URL a PostgreSQL database of
 * the suite's own (named after `suite`) reached through the production driver.
 */
export function testBackends(suite: string): Backend[] {
  const backends: Backend[] = [
    {
      name: 'PGlite',
      async open() {
        const t = await createTestDb();
        return { db: t.db, close: () => t.close() };
      },
    },
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    backends.push({
      name: 'PostgreSQL (Neon driver)',
      open: () => openOwnPostgres(pgUrl, suite, { max: 10 }),
    });
  }
  return backends;
}
