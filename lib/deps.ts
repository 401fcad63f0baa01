import { appUrl } from '@/lib/config/app-url';
import { getDb } from '@/lib/db/client';
import type { Db } from '@/lib/db/types';

/**
 * What every domain function needs from the outside world, one shape for all of them: tests pass
 * a PGlite database and a fake clock. Mail is not a dependency: it is the outbox, a table.
 */
export interface Deps {
  db: Db;
  now: () => Date;
  /** Base of the links put in emails (APP_URL); see `absoluteUrl`. */
  appUrl: string;
}

/** The real dependencies, for actions, pages, route handlers and scripts. */
export async function runtimeDeps(): Promise<Deps> {
  return { db: await getDb(), now: () => new Date(), appUrl: appUrl() };
}
