import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logSecurityEvent } from '@/lib/security/events';
import { checkLogin, loginThrottleKey, recordLoginFailure } from '@/lib/security/login-throttle';
import { dummyVerify, verifyPassword } from '@/lib/security/password-hash';
import type { Deps } from '@/lib/deps';
import { countSignInAttempt } from './authenticate';

export type ReauthResult =
  { status: 'ok'; email: string; locale: 'fr' | 'en' } | { status: 'invalid' | 'rate_limited' };

/**
 * Re-authentication before a sensitive change (SES-07): the current password of a signed-in
 * person, checked as a sign-in pathway — the per-IP budget and the account's failure counter and
 * lock are the ones sign-in uses, so a stolen session cannot guess the password faster here.
 * A failure is logged as `failureEvent`.
 */
export async function verifyCurrentPassword(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    userId: string;
    password: string;
    ip: string;
    failureEvent: 'password_change_failed' | 'email_change_failed';
  },
): Promise<ReauthResult> {
  const now = deps.now();
  if (!(await countSignInAttempt(deps, input.ip))) return { status: 'rate_limited' };
  const user = await accountOf(deps.db, input.userId);
  if (!user) {
    await dummyVerify(input.password);
    return { status: 'invalid' };
  }
  const throttleKey = loginThrottleKey(user.email);
  if ((await checkLogin(deps.db, throttleKey, now)) !== 'open') {
    await dummyVerify(input.password);
    await logSecurityEvent(deps.db, { type: 'login_locked', userId: user.id, ip: input.ip, now });
    return { status: 'invalid' };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordLoginFailure(deps.db, throttleKey, now);
    await logSecurityEvent(deps.db, {
      type: input.failureEvent,
      userId: user.id,
      ip: input.ip,
      detail: { reason: 'wrong_password' },
      now,
    });
    return { status: 'invalid' };
  }
  return { status: 'ok', email: user.email, locale: user.locale };
}

async function accountOf(db: Db, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId));
  return user;
}
