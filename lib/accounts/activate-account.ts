import { eq } from 'drizzle-orm';
import type { Deps } from '@/lib/deps';
import { users } from '@/lib/db/schema';
import { logSecurityEvent } from '@/lib/security/events';
import {
  checkLogin,
  clearLoginFailures,
  loginThrottleKey,
  recordLoginFailure,
} from '@/lib/security/login-throttle';
import { verifyPassword, dummyVerify } from '@/lib/security/password-hash';
import { countSignInAttempt } from './authenticate';
import {
  findOneTimeLink,
  oneTimeLinkState,
  useOneTimeLink,
  type DeadLinkState,
  type FoundOneTimeLink,
  type OneTimeLinkState,
} from './one-time-link';

function stateOf(row: FoundOneTimeLink | undefined, now: Date): OneTimeLinkState {
  // Once the account is active, every one of its links just says "already activated".
  if (row?.account.status === 'active') return 'used';
  return oneTimeLinkState(row, now);
}

/** Read-only: what the GET of the link shows. Mail scanners open links; nothing changes here. */
export async function inspectActivationLink(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<OneTimeLinkState> {
  return stateOf(await findOneTimeLink(deps.db, 'activation', token), deps.now());
}

export type ActivateResult =
  | { status: 'activated'; userId: string; email: string }
  | { status: 'invalid_password' | 'rate_limited' | DeadLinkState };

/**
 * The POST of the activation page: checks the password the person chose (a sign-in pathway: it
 * shares the failure counter and lock with sign-in, ACT-05), then consumes the token and
 * activates the account in one transaction.
 */
export async function activateAccount(
  deps: Deps,
  input: { token: string; password: string; ip: string },
): Promise<ActivateResult> {
  const now = deps.now();
  if (!(await countSignInAttempt(deps, input.ip))) return { status: 'rate_limited' };

  const row = await findOneTimeLink(deps.db, 'activation', input.token);
  const state = stateOf(row, now);
  if (state !== 'valid' || !row) return { status: state === 'valid' ? 'not_found' : state };

  const throttleKey = loginThrottleKey(row.account.email);
  if ((await checkLogin(deps.db, throttleKey, now)) !== 'open') {
    await dummyVerify(input.password);
    await logSecurityEvent(deps.db, {
      type: 'login_locked',
      userId: row.userId,
      now,
      ip: input.ip,
    });
    return { status: 'invalid_password' };
  }
  const [user] = await deps.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, row.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    await recordLoginFailure(deps.db, throttleKey, now);
    await logSecurityEvent(deps.db, {
      type: 'activate_failed',
      userId: row.userId,
      ip: input.ip,
      now,
    });
    return { status: 'invalid_password' };
  }

  const consumed = await deps.db.transaction(async (tx) => {
    if (!(await useOneTimeLink(tx, row.id, now))) return false;
    await tx
      .update(users)
      .set({ status: 'active', activatedAt: now })
      .where(eq(users.id, row.userId));
    await logSecurityEvent(tx, { type: 'activate', userId: row.userId, ip: input.ip, now });
    return true;
  });
  // Lost a race with a second click: the other request activated the account.
  if (!consumed) return { status: 'used' };
  await clearLoginFailures(deps.db, throttleKey);
  return { status: 'activated', userId: row.userId, email: row.account.email };
}
