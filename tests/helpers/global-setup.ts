import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/**
 * Boots PGlite and applies the migrations once (7–8 s), then saves a snapshot that every test
 * file restores in 1–2 s (tests/helpers/db.ts).
 */
export default async function setup() {
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder: path.resolve('drizzle') });
  const dump = await client.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'monso-db-')), 'snapshot.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  process.env.MONSO_TEST_DB_SNAPSHOT = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
