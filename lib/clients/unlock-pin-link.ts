import { eq } from 'drizzle-orm';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { pinLockouts, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { PIN_LOCK_AFTER } from './pin-rules';

export type PinUnlockResult = 'unlocked' | 'not_locked' | 'no_account';

/**
 * The City's answer to a resident locked out of linking (PIN-02: ten wrong PINs in a row): the
 * count starts over. `npm run clients -- unlock EMAIL` and the administrators' support screen.
 * The per-account and per-address budgets of attempts (5 in 10 minutes, 20 an hour) still apply.
 */
export async function unlockPinLink(db: Db, email: string): Promise<PinUnlockResult> {
  const normalized = normalizeEmail(email);
  if (normalized.includes('\u0000')) return 'no_account';
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, failures: pinLockouts.consecutiveFailures })
      .from(users)
      .leftJoin(pinLockouts, eq(pinLockouts.userId, users.id))
      .where(eq(users.email, normalized))
      .for('update', { of: users });
    if (!user) return 'no_account';
    if ((user.failures ?? 0) < PIN_LOCK_AFTER) return 'not_locked';
    await tx.delete(pinLockouts).where(eq(pinLockouts.userId, user.id));
    return 'unlocked';
  });
}
