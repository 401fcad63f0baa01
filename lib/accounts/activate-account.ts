import { and, eq, isNull } from 'drizzle-orm';
import { activationTokens, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logSecurityEvent } from '@/lib/security/events';
import { recordLoginFailure, checkLogin, clearLoginFailures } from '@/lib/security/login-throttle';
import { verifyPassword, dummyVerify } from '@/lib/security/password-hash';
import { hashIdentifier, hashToken } from '@/lib/security/tokens';
import { countSignInAttempt } from './authenticate';
import type { AccountDeps } from './deps';
import { oneTimeLinkState, type OneTimeLinkState } from './one-time-link';

/** What an activation link is, one view per state. */
export type ActivationLinkState = OneTimeLinkState;

async function findToken(db: Db, token: string) {
  if (!token || token.length > 200) return undefined;
  const [row] = await db
    .select({
      id: activationTokens.id,
      userId: activationTokens.userId,
      expiresAt: activationTokens.expiresAt,
      usedAt: activationTokens.usedAt,
      supersededAt: activationTokens.supersededAt,
      email: users.email,
      status: users.status,
    })
    .from(activationTokens)
    .innerJoin(users, eq(users.id, activationTokens.userId))
    .where(eq(activationTokens.tokenHash, hashToken(token)));
  return row;
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

function stateOf(row: TokenRow | undefined, now: Date): ActivationLinkState {
  // Once the account is active, every one of its links just says "already activated".
  if (row?.status === 'active') return 'used';
  return oneTimeLinkState(row, now);
}

/** Read-only: what the GET of the link shows. Mail scanners open links; nothing changes here. */
export async function inspectActivationLink(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  token: string,
): Promise<ActivationLinkState> {
  return stateOf(await findToken(deps.db, token), deps.now());
}

export type ActivateResult =
  | { status: 'activated'; userId: string; email: string }
  | { status: 'invalid_password' | 'rate_limited' | Exclude<ActivationLinkState, 'valid'> };

/**
 * The POST of the activation page: checks the password the person chose (a sign-in pathway: it
 * shares the failure counter and lock with sign-in, ACT-05), then consumes the token and
 * activates the account in one transaction.
 */
export async function activateAccount(
  deps: AccountDeps,
  input: { token: string; password: string; ip: string },
): Promise<ActivateResult> {
  const now = deps.now();
  if (!(await countSignInAttempt(deps, input.ip))) return { status: 'rate_limited' };

  const row = await findToken(deps.db, input.token);
  const state = stateOf(row, now);
  if (state !== 'valid' || !row) return { status: state as Exclude<ActivationLinkState, 'valid'> };

  const emailKey = hashIdentifier(row.email, 'login');
  if ((await checkLogin(deps.db, emailKey, now)) !== 'open') {
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
    await recordLoginFailure(deps.db, emailKey, now);
    await logSecurityEvent(deps.db, {
      type: 'activate_failed',
      userId: row.userId,
      ip: input.ip,
      now,
    });
    return { status: 'invalid_password' };
  }

  const consumed = await deps.db.transaction(async (tx) => {
    const [token] = await tx
      .update(activationTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(activationTokens.id, row.id),
          isNull(activationTokens.usedAt),
          isNull(activationTokens.supersededAt),
        ),
      )
      .returning({ id: activationTokens.id });
    if (!token) return false;
    await tx
      .update(users)
      .set({ status: 'active', activatedAt: now })
      .where(eq(users.id, row.userId));
    await logSecurityEvent(tx, { type: 'activate', userId: row.userId, ip: input.ip, now });
    return true;
  });
  // Lost a race with a second click: the other request activated the account.
  if (!consumed) return { status: 'used' };
  await clearLoginFailures(deps.db, emailKey);
  return { status: 'activated', userId: row.userId, email: row.email };
}
