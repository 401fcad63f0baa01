import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** A drizzle database or transaction, whichever driver sits underneath (PGlite or Neon). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
