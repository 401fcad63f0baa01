import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
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
  await deps.db.transaction((tx) =>
    sendActivationAgain(tx, { email: input.email, locale: input.locale, now, appUrl: deps.appUrl }),
  );
  return 'ok';
}

export type ActivationResent = 'sent' | 'already_active' | 'no_account' | 'too_many';

/**
 * The operators' "resend the activation" (`npm run accounts -- resend-activation EMAIL` and the
 * administrators' support screen): a new link for a pending account, in the account's own
 * language, within the address's hourly budget of mails (REG-04); earlier links stop working
 * (ACT-04). Unlike the public page, it says what it did.
 */
export async function resendActivationEmail(deps: Deps, email: string): Promise<ActivationResent> {
  const now = deps.now();
  return deps.db.transaction((tx) => sendActivationAgain(tx, { email, now, appUrl: deps.appUrl }));
}

/**
 * Within a transaction: a new activation link for the pending account of `email`. `locale`
 * (the public page's language) becomes the account's language; without it, the account keeps
 * its own.
 */
async function sendActivationAgain(
  tx: Db,
  input: { email: string; locale?: Locale; now: Date; appUrl: string },
): Promise<ActivationResent> {
  const email = normalizeEmail(input.email);
  if (email.includes('\u0000')) return 'no_account';
  const [user] = await tx
    .select({ id: users.id, status: users.status, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
    .for('update');
  if (!user) return 'no_account';
  if (user.status !== 'pending') return 'already_active';
  const locale = input.locale ?? user.locale;
  if (input.locale) await tx.update(users).set({ locale }).where(eq(users.id, user.id));
  const sent = await issueActivationLink(tx, {
    userId: user.id,
    email,
    locale,
    now: input.now,
    appUrl: input.appUrl,
  });
  return sent ? 'sent' : 'too_many';
}
