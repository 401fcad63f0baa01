import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { logSecurityEvent } from '@/lib/security/events';
import { normalizeEmail } from './email-address';

/**
 * Operators' response to a compromised password (PWD-09): the account's next signed-in page is
 * "Changer le mot de passe", and nothing else opens until the password is changed (or reset).
 * Returns false when no account uses the address.
 */
export async function requirePasswordChange(
  deps: Pick<Deps, 'db' | 'now'>,
  email: string,
): Promise<boolean> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordChangeRequired: true })
      .where(eq(users.email, normalizeEmail(email)))
      .returning({ id: users.id });
    if (!user) return false;
    await logSecurityEvent(tx, { type: 'password_change_required', userId: user.id, now });
    return true;
  });
}
