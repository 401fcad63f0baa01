import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import type { Deps } from '@/lib/deps';
import { logSecurityEvent } from '@/lib/security/events';
import {
  findOneTimeLink,
  oneTimeLinkState,
  retireOneTimeLinks,
  useOneTimeLink,
  type DeadLinkState,
  type OneTimeLinkState,
} from './one-time-link';

/** Read-only: what the GET of the link shows (mail scanners open links, CSRF-03). */
export async function inspectEmailChangeLink(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<OneTimeLinkState> {
  return (await readEmailChangeLink(deps, token)).state;
}

/**
 * The link's state and, while it is valid, the new address it would set, for the page to name.
 * Only the new address: whoever holds the link reads that mailbox, not necessarily the old one.
 */
export async function readEmailChangeLink(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<{ state: OneTimeLinkState; newEmail?: string }> {
  const row = await findOneTimeLink(deps.db, 'email_change', token);
  const state = oneTimeLinkState(row, deps.now());
  return state === 'valid' && row?.newEmail ? { state, newEmail: row.newEmail } : { state };
}

export type ConfirmEmailChangeResult = 'changed' | 'taken' | DeadLinkState;

/**
 * The POST of the confirmation page: the only place the token is used (CSRF-03). The link is
 * read once; then in one transaction, the account row locked: the link is used (a guarded update:
 * it must still be valid), the address is set, the account's other address-change and reset links
 * retired (RST-02), and the change is logged. The token itself proves the new mailbox; no session is needed.
 *
 * 'taken': another account took the address since the request (it registered, or changed to it).
 * The unique constraint on users.email is the authority, so a race with a concurrent registration
 * ends the same way: the update runs in a savepoint, and a unique violation rolls the whole
 * transaction back. The link stays as it was; the address does not change.
 *
 * Sessions are kept: the password did not change, and the session (sub + session version, no
 * email, PRIV-04) stays valid for the same person, who may be reading this on another device. The
 * old address's login throttle row no longer matches any account and simply ages out.
 */
export async function confirmEmailChange(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { token: string; ip: string },
): Promise<ConfirmEmailChangeResult> {
  const now = deps.now();
  // One read: a dead link takes no lock.
  const link = await findOneTimeLink(deps.db, 'email_change', input.token);
  const state = oneTimeLinkState(link, now);
  if (state !== 'valid' || !link?.newEmail) return state === 'valid' ? 'not_found' : state;
  const newEmail = link.newEmail;

  return deps.db
    .transaction(async (tx): Promise<ConfirmEmailChangeResult> => {
      // The account first, then the link: the order requestEmailChange takes them in, so a
      // request and a confirmation of one account wait for each other instead of deadlocking.
      const [account] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.id, link.userId))
        .for('update');
      if (!account) return 'not_found';
      // Used, retired or expired since the read (a newer request, a password reset, a second
      // click): the guarded update says so and nothing changes.
      if (!(await useOneTimeLink(tx, link.id, now))) return 'used';

      try {
        await tx.transaction(async (savepoint) => {
          await savepoint.update(users).set({ email: newEmail }).where(eq(users.id, link.userId));
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Nothing changed, so no 'email_changed' event: the account's activity list in
        // "Mes paramètres" would show it as a change. Throwing rolls back the link's use too.
        throw new AddressTaken();
      }
      // The other address-change links, and every unused reset link (RST-02): those were sent to
      // the old address, and whoever reads that mailbox must not set the password of the account
      // that now signs in with the new one.
      await retireOneTimeLinks(tx, ['email_change', 'password_reset'], link.userId, now);
      await logSecurityEvent(tx, {
        type: 'email_changed',
        userId: link.userId,
        subject: newEmail,
        ip: input.ip,
        now,
      });
      return 'changed';
    })
    .catch((error: unknown) => {
      if (error instanceof AddressTaken) return 'taken' as const;
      throw error;
    });
}

/** Thrown inside the transaction to roll back the link's use when the address is taken. */
class AddressTaken extends Error {}
