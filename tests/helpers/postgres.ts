import { createRequire } from 'node:module';

/** The little of `pg` used here (the package ships no types, and @types/pg is not installed). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}
export type PgModule = { Client: new (config: { connectionString: string }) => PgClient };

/**
 * Empties a throwaway test database: drops and recreates the `public` and `drizzle` schemas
 * (tables, and drizzle's migration journal), so a run starts from nothing. Plain TCP through `pg`:
 * setup only; the code under test goes through the Neon driver.
 */
export async function resetPostgres(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/test/i.test(database)) {
    throw new Error(`resetPostgres empties the database: "${database}" is not named as a test one`);
  }
  const { Client } = createRequire(import.meta.url)('pg') as PgModule;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      set client_min_messages = warning;
      drop schema if exists drizzle cascade;
      drop schema if exists public cascade;
      create schema public;
      create schema drizzle;
    `);
  } finally {
    await client.end();
  }
}
