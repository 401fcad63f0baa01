import { and, eq, isNull } from 'drizzle-orm';
import { activationTokens, emailChangeTokens, passwordResetTokens } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/**
 * What the three kinds of one-time link (activation, password reset, email confirmation) share:
 * their states, one view per state, and how earlier links are retired. Each kind keeps its own
 * table, lifetime and what using it does.
 */
export type OneTimeLinkState = 'valid' | 'expired' | 'used' | 'superseded' | 'not_found';

export function oneTimeLinkState(
  row: { usedAt: Date | null; supersededAt: Date | null; expiresAt: Date } | undefined,
  now: Date,
): OneTimeLinkState {
  if (!row) return 'not_found';
  if (row.usedAt) return 'used';
  if (row.supersededAt) return 'superseded';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

type LinkTable = typeof activationTokens | typeof passwordResetTokens | typeof emailChangeTokens;

/** Every unused link of the account in `table` stops working (a newer link, a password change…). */
export async function retireOneTimeLinks(
  tx: Db,
  table: LinkTable,
  userId: string,
  now: Date,
): Promise<void> {
  // The three tables have the same columns for this; drizzle types an update per table.
  const t = table as typeof passwordResetTokens;
  await tx
    .update(t)
    .set({ supersededAt: now })
    .where(and(eq(t.userId, userId), isNull(t.usedAt), isNull(t.supersededAt)));
}
