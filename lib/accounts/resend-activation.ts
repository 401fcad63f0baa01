import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/routing';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import type { Deps } from '@/lib/deps';
import { normalizeEmail } from './email-address';
import { issueActivationLink } from './issue-activation-link';

/**
 * Sends a new activation link when the address has a pending account; earlier links stop
 * working (ACT-04). Answers the same for pending, active and unknown addresses.
 */
export async function resendActivation(
  deps: Deps,
  input: { email: string; locale: Locale; ip: string },
): Promise<'ok' | 'rate_limited'> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('register-ip', input.ip),
    ...LIMITS.registerPerIp,
    now,
  });
  if (!perIp.allowed) return 'rate_limited';
  const email = normalizeEmail(input.email);
  await deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    if (user?.status !== 'pending') return;
    await tx.update(users).set({ locale: input.locale }).where(eq(users.id, user.id));
    await issueActivationLink(tx, {
      userId: user.id,
      email,
      locale: input.locale,
      now,
      appUrl: deps.appUrl,
    });
  });
  return 'ok';
}
