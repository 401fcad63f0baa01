import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export interface TestDb {
  db: Db;
  client: PGlite;
  close(): Promise<void>;
}

/**
 * A fresh, migrated, in-memory PGlite database restored from the global-setup snapshot.
 * `onQuery` sees every statement drizzle sends (not a transaction's BEGIN and COMMIT).
 */
export async function createTestDb(
  opts: { onQuery?: (sql: string) => void } = {},
): Promise<TestDb> {
  const file = process.env.MONSO_TEST_DB_SNAPSHOT;
  if (!file) throw new Error('MONSO_TEST_DB_SNAPSHOT is not set: run the tests through vitest');
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  const { onQuery } = opts;
  const logger = onQuery ? { logger: { logQuery: (sql: string) => onQuery(sql) } } : {};
  const db = drizzle(client, { schema, ...logger }) as unknown as Db;
  return { db, client, close: () => client.close() };
}

/** An injectable clock that tests move forward by hand. */
export function fakeClock(start = new Date('2026-11-29T12:00:00Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}
