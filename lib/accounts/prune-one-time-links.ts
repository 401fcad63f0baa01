import { lt, or } from 'drizzle-orm';
import { oneTimeLinks } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';

/**
 * How long a link is kept once it can no longer be used (used, retired or expired): 7 days, so
 * that opening it again in that week still says what happened ("already used", "a newer link was
 * sent", "expired: ask for a new one") rather than "not found".
 */
export const DEAD_LINK_RETENTION_MS = 7 * 24 * 60 * 60_000;

/**
 * Housekeeping (the scheduled jobs): deletes the one-time links of every kind that ended more
 * than DEAD_LINK_RETENTION_MS ago. A live link is never touched. Returns how many rows went.
 */
export async function pruneOneTimeLinks(deps: Pick<Deps, 'db' | 'now'>): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - DEAD_LINK_RETENTION_MS);
  const deleted = await deps.db
    .delete(oneTimeLinks)
    .where(
      or(
        lt(oneTimeLinks.expiresAt, cutoff),
        lt(oneTimeLinks.usedAt, cutoff),
        lt(oneTimeLinks.supersededAt, cutoff),
      ),
    )
    .returning({ id: oneTimeLinks.id });
  return deleted.length;
}
