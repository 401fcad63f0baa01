import { eq, sql } from 'drizzle-orm';
import { loginThrottles, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logSecurityEvent } from '@/lib/security/events';
import {
  clearLoginFailures,
  loginThrottleKey,
  loginThrottleState,
  recordLoginFailure,
} from '@/lib/security/login-throttle';
import { dummyVerify, verifyPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import type { Deps } from '@/lib/deps';
import { normalizeEmail } from './email-address';

/**
 * Counts one password check from a client address (LOG-04: 20 a minute) and says whether it may
 * go on. Sign-in and the activation page share this budget, as they share the account lock.
 */
export async function countSignInAttempt(
  deps: Pick<Deps, 'db' | 'now'>,
  ip: string,
): Promise<boolean> {
  const { allowed } = await hitRateLimit(deps.db, {
    key: rateLimitKey('login-ip', ip),
    ...LIMITS.loginPerIp,
    now: deps.now(),
  });
  return allowed;
}

export type AuthenticateResult =
  | {
      status: 'ok';
      userId: string;
      sessionVersion: number;
      passwordChangeRequired: boolean;
    }
  | { status: 'invalid' | 'not_activated' | 'rate_limited' };

/**
 * Every sign-in pathway goes through here (the login action and POST
 * /api/auth/callback/credentials both reach Credentials.authorize, LOG-05).
 * Unknown email, wrong password and locked account all answer 'invalid' after the same work
 * (LOG-01); only the right password on a pending account learns it is 'not_activated' (ACT-06).
 */
export async function authenticate(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { email: string; password: string; ip: string },
): Promise<AuthenticateResult> {
  const now = deps.now();
  if (!(await countSignInAttempt(deps, input.ip))) return { status: 'rate_limited' };

  const email = normalizeEmail(input.email);
  const throttleKey = loginThrottleKey(email);
  const { throttle, failures, user } = await readSignInState(deps.db, email, throttleKey, now);
  if (throttle !== 'open') {
    await dummyVerify(input.password);
    await logSecurityEvent(deps.db, { type: 'login_locked', subject: email, ip: input.ip, now });
    return { status: 'invalid' };
  }

  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await dummyVerify(input.password);
  if (!user || !ok) {
    const lock = await recordLoginFailure(deps.db, throttleKey, now);
    await logSecurityEvent(deps.db, {
      type: lock === 'open' ? 'login_failure' : 'login_locked',
      userId: user?.id,
      subject: email,
      ip: input.ip,
      now,
    });
    return { status: 'invalid' };
  }
  // Consecutive failures start over; with none recorded there is nothing to clear.
  if (failures > 0) await clearLoginFailures(deps.db, throttleKey);
  if (user.status !== 'active') return { status: 'not_activated' };
  await logSecurityEvent(deps.db, { type: 'login_success', userId: user.id, ip: input.ip, now });
  return {
    status: 'ok',
    userId: user.id,
    sessionVersion: user.sessionVersion,
    passwordChangeRequired: user.passwordChangeRequired,
  };
}

/**
 * The address's failure counter and the account using it, in one
 * statement: every sign-in needs both, and on a serverless database each statement is a round
 * trip. The counter is read whether or not an account uses the address (LOG-01).
 */
async function readSignInState(db: Db, email: string, throttleKey: string, now: Date) {
  const [row] = await db
    .select({
      failures: loginThrottles.failures,
      lockedUntil: loginThrottles.lockedUntil,
      id: users.id,
      passwordHash: users.passwordHash,
      status: users.status,
      sessionVersion: users.sessionVersion,
      passwordChangeRequired: users.passwordChangeRequired,
    })
    .from(sql`(select 1) as sign_in`)
    .leftJoin(loginThrottles, eq(loginThrottles.key, throttleKey))
    // Postgres text cannot hold a NUL byte, so no account has one: such an address is unknown,
    // and comparing with it would make the driver throw (a 500, not the generic failure, LOG-01).
    .leftJoin(users, email.includes('\u0000') ? sql`false` : eq(users.email, email));
  const throttle = loginThrottleState(
    row?.failures == null ? undefined : { failures: row.failures, lockedUntil: row.lockedUntil },
    now,
  );
  const user =
    row?.id == null
      ? undefined
      : {
          id: row.id,
          passwordHash: row.passwordHash ?? '',
          status: row.status,
          sessionVersion: row.sessionVersion ?? 0,
          passwordChangeRequired: row.passwordChangeRequired ?? false,
        };
  return { throttle, failures: row?.failures ?? 0, user };
}
