import { eq, sql } from 'drizzle-orm';
import { absoluteUrl } from '@/lib/config/app-url';
import { users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { fieldErrorsFrom } from '@/lib/forms/form-state';
import { logSecurityEvent } from '@/lib/security/events';
import { clearLoginFailures, loginThrottleKey } from '@/lib/security/login-throttle';
import { hashPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import {
  findOneTimeLink,
  oneTimeLinkState,
  retireOneTimeLinks,
  useOneTimeLink,
  type DeadLinkState,
  type OneTimeLinkState,
} from './one-time-link';
import { newPasswordSchema } from './schemas';

/** Read-only: what the GET of the link shows (mail scanners open links, CSRF-03). */
export async function inspectResetLink(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<OneTimeLinkState> {
  return oneTimeLinkState(await findOneTimeLink(deps.db, 'password_reset', token), deps.now());
}

export type ResetPasswordField = 'password' | 'passwordConfirm';

/**
 * 'reset', or why not: the client's budget, the link's state (RST-02), or the new password
 * refused by the policy (with the field errors, as message keys).
 */
export type ResetPasswordResult =
  | 'reset'
  | 'rate_limited'
  | DeadLinkState
  | { status: 'invalid'; fieldErrors: Partial<Record<ResetPasswordField, string>> };

/**
 * The POST of the reset page. The link is read once: its account's address feeds the password
 * policy (PWD-04 refuses a password made of it). Then, in one transaction: the link is used (a
 * guarded update: of two racing posts only one wins), the new password set, every session of
 * the account ended, its other reset and address-change links retired, and a "your password was
 * changed" email queued (RST-04). The person is not signed in: they sign in with the new
 * password. Failure counters are cleared, which also opens a hard lock (LOG-03). A pending
 * account is activated: the link proved the mailbox, as the activation link would have.
 * `passwordConfirm` defaults to `password` (callers that confirmed it already).
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string; passwordConfirm?: string; ip: string },
): Promise<ResetPasswordResult> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('reset-ip', input.ip),
    ...LIMITS.resetPerIp,
    now,
  });
  if (!perIp.allowed) return 'rate_limited';
  const link = await findOneTimeLink(deps.db, 'password_reset', input.token);
  const state = oneTimeLinkState(link, now);
  if (state !== 'valid' || !link) return state === 'valid' ? 'not_found' : state;

  const parsed = newPasswordSchema({ email: link.account.email }).safeParse({
    password: input.password,
    passwordConfirm: input.passwordConfirm ?? input.password,
  });
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error) };
  // Hashed before the transaction: no lock is held while argon2 runs.
  const passwordHash = await hashPassword(parsed.data.password);

  const outcome = await deps.db.transaction(async (tx) => {
    // Lost a race with another post of the same link, or retired meanwhile: it was used.
    if (!(await useOneTimeLink(tx, link.id, now))) return { state: 'used' } as const;
    // The account's other reset links, and whoever asked for an address change with the old
    // password loses that link too.
    await retireOneTimeLinks(tx, ['password_reset', 'email_change'], link.userId, now);
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        passwordChangeRequired: false,
        status: 'active',
        activatedAt: sql`coalesce(${users.activatedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, link.userId))
      .returning({ email: users.email, locale: users.locale });
    if (!user) return { state: 'not_found' } as const;
    await enqueueEmail(
      tx,
      {
        to: user.email,
        template: 'password-changed',
        locale: user.locale,
        props: {
          loginUrl: absoluteUrl(deps.appUrl, '/login', user.locale),
          forgotPasswordUrl: absoluteUrl(deps.appUrl, '/forgot-password', user.locale),
        },
      },
      { now: () => now },
    );
    await logSecurityEvent(tx, {
      type: 'password_reset',
      userId: link.userId,
      ip: input.ip,
      now,
    });
    return { state: 'reset', email: user.email } as const;
  });
  if (outcome.state !== 'reset') return outcome.state;
  await clearLoginFailures(deps.db, loginThrottleKey(outcome.email));
  return 'reset';
}
