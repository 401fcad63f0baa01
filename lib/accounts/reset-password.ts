import { eq, sql } from 'drizzle-orm';
import { emailChangeTokens, passwordResetTokens, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueEmail } from '@/lib/email/outbox';
import { localizedPath } from '@/lib/i18n/navigation';
import { logSecurityEvent } from '@/lib/security/events';
import { clearLoginFailures } from '@/lib/security/login-throttle';
import { hashPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { hashIdentifier, hashToken } from '@/lib/security/tokens';
import type { AccountDeps } from './deps';
import { oneTimeLinkState, retireOneTimeLinks, type OneTimeLinkState } from './one-time-link';

/** What a reset link is, one view per state (RST-02). */
export type ResetLinkState = OneTimeLinkState;

async function findToken(db: Db, token: string, forUpdate = false) {
  if (!token || token.length > 200) return undefined;
  const query = db
    .select({
      id: passwordResetTokens.id,
      userId: passwordResetTokens.userId,
      expiresAt: passwordResetTokens.expiresAt,
      usedAt: passwordResetTokens.usedAt,
      supersededAt: passwordResetTokens.supersededAt,
      email: users.email,
    })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  const [row] = forUpdate ? await query.for('update', { of: passwordResetTokens }) : await query;
  return row;
}

/** Read-only: what the GET of the link shows (mail scanners open links, CSRF-03). */
export async function inspectResetLink(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  token: string,
): Promise<ResetLinkState> {
  return (await readResetLink(deps, token)).state;
}

/**
 * The link's state and, while it is valid, the account's address: the password policy refuses a
 * new password made of it (PWD-04).
 */
export async function readResetLink(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  token: string,
): Promise<{ state: ResetLinkState; email?: string }> {
  const row = await findToken(deps.db, token);
  const state = oneTimeLinkState(row, deps.now());
  return state === 'valid' ? { state, email: row!.email } : { state };
}

export type ResetPasswordResult = 'reset' | 'rate_limited' | Exclude<ResetLinkState, 'valid'>;

/**
 * The POST of the reset page; `password` has already passed the password policy. In one
 * transaction: uses the token, sets the new password, ends every session of the account, retires
 * its other reset links and queues a "your password was changed" email (RST-04). The person is
 * not signed in: they sign in with the new password. Failure counters are cleared, which also
 * opens a hard lock (LOG-03). A pending account is activated: the link proved the mailbox, as
 * the activation link would have.
 */
export async function resetPassword(
  deps: AccountDeps,
  input: { token: string; password: string; ip: string },
): Promise<ResetPasswordResult> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('reset-ip', input.ip),
    ...LIMITS.resetPerIp,
    now,
  });
  if (!perIp.allowed) return 'rate_limited';
  // Cheap read first: a dead link costs no hashing.
  const precheck = oneTimeLinkState(await findToken(deps.db, input.token), now);
  if (precheck !== 'valid') return precheck;
  const passwordHash = await hashPassword(input.password);

  const outcome = await deps.db.transaction(async (tx) => {
    const row = await findToken(tx, input.token, true);
    const state = oneTimeLinkState(row, now);
    if (state !== 'valid' || !row)
      return { state: state === 'valid' ? 'not_found' : state } as const;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(eq(passwordResetTokens.id, row.id));
    await retireOneTimeLinks(tx, passwordResetTokens, row.userId, now);
    // Whoever asked for an address change with the old password loses that link too.
    await retireOneTimeLinks(tx, emailChangeTokens, row.userId, now);
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        passwordChangeRequired: false,
        status: 'active',
        activatedAt: sql`coalesce(${users.activatedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, row.userId))
      .returning({ email: users.email, locale: users.locale });
    if (!user) return { state: 'not_found' } as const;
    await enqueueEmail(
      tx,
      {
        to: user.email,
        template: 'password-changed',
        locale: user.locale,
        props: {
          loginUrl: deps.appUrl + localizedPath('/login', user.locale),
          forgotPasswordUrl: deps.appUrl + localizedPath('/forgot-password', user.locale),
        },
      },
      { now: () => now },
    );
    await logSecurityEvent(tx, {
      type: 'password_reset',
      userId: row.userId,
      ip: input.ip,
      now,
    });
    return { state: 'reset', email: user.email } as const;
  });
  if (outcome.state !== 'reset') return outcome.state;
  await clearLoginFailures(deps.db, hashIdentifier(outcome.email, 'login'));
  return 'reset';
}
