import { eq } from 'drizzle-orm';
import { emailChangeTokens, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logSecurityEvent } from '@/lib/security/events';
import { hashToken } from '@/lib/security/tokens';
import type { AccountDeps } from './deps';
import { oneTimeLinkState, retireOneTimeLinks, type OneTimeLinkState } from './one-time-link';

/** What an email change link is, one view per state. */
export type EmailChangeLinkState = OneTimeLinkState;

async function findToken(db: Db, token: string, forUpdate = false) {
  if (!token || token.length > 200) return undefined;
  const query = db
    .select({
      id: emailChangeTokens.id,
      userId: emailChangeTokens.userId,
      newEmail: emailChangeTokens.newEmail,
      expiresAt: emailChangeTokens.expiresAt,
      usedAt: emailChangeTokens.usedAt,
      supersededAt: emailChangeTokens.supersededAt,
    })
    .from(emailChangeTokens)
    .where(eq(emailChangeTokens.tokenHash, hashToken(token)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** Read-only: what the GET of the link shows (mail scanners open links, CSRF-03). */
export async function inspectEmailChangeLink(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  token: string,
): Promise<EmailChangeLinkState> {
  return (await readEmailChangeLink(deps, token)).state;
}

/**
 * The link's state and, while it is valid, the new address it would set, for the page to name.
 * Only the new address: whoever holds the link reads that mailbox, not necessarily the old one.
 */
export async function readEmailChangeLink(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  token: string,
): Promise<{ state: EmailChangeLinkState; newEmail?: string }> {
  const row = await findToken(deps.db, token);
  const state = oneTimeLinkState(row, deps.now());
  return state === 'valid' ? { state, newEmail: row!.newEmail } : { state };
}

export type ConfirmEmailChangeResult = 'changed' | 'taken' | Exclude<EmailChangeLinkState, 'valid'>;

/** Postgres' unique_violation, however the driver (PGlite, Neon) and drizzle wrap it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The POST of the confirmation page: the only place the token is used (CSRF-03). In one
 * transaction, the account row and then the token row locked: the link must still be valid, the
 * address is set, the link is marked used and the account's other links retired, and the change
 * is logged. The token itself proves the new mailbox; no session is needed.
 *
 * 'taken': another account took the address since the request (it registered, or changed to it).
 * The unique constraint on users.email is the authority, so a race with a concurrent registration
 * ends the same way: the update runs in a savepoint and a unique violation rolls back only that.
 * The link stays as it was; the address does not change.
 *
 * Sessions are kept: the password did not change, and the session (sub + session version, no
 * email, PRIV-04) stays valid for the same person, who may be reading this on another device. The
 * old address's login throttle row no longer matches any account and simply ages out.
 */
export async function confirmEmailChange(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  input: { token: string; ip: string },
): Promise<ConfirmEmailChangeResult> {
  const now = deps.now();
  // Cheap read first: a dead link takes no lock.
  const found = await findToken(deps.db, input.token);
  const precheck = oneTimeLinkState(found, now);
  if (precheck !== 'valid' || !found) return precheck === 'valid' ? 'not_found' : precheck;

  return deps.db.transaction(async (tx): Promise<ConfirmEmailChangeResult> => {
    // The account first, then the token: the order requestEmailChange takes them in, so a
    // request and a confirmation of one account wait for each other instead of deadlocking.
    const [account] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, found.userId))
      .for('update');
    if (!account) return 'not_found';
    const row = await findToken(tx, input.token, true);
    const state = oneTimeLinkState(row, now);
    if (state !== 'valid' || !row) return state === 'valid' ? 'not_found' : state;

    try {
      await tx.transaction(async (savepoint) => {
        await savepoint.update(users).set({ email: row.newEmail }).where(eq(users.id, row.userId));
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Nothing changed, so no 'email_changed' event: the account's activity list in
      // "Mes paramètres" would show it as a change.
      return 'taken';
    }
    await tx.update(emailChangeTokens).set({ usedAt: now }).where(eq(emailChangeTokens.id, row.id));
    await retireOneTimeLinks(tx, emailChangeTokens, row.userId, now);
    await logSecurityEvent(tx, {
      type: 'email_changed',
      userId: row.userId,
      subject: row.newEmail,
      ip: input.ip,
      now,
    });
    return 'changed';
  });
}
