import { and, eq, gt, isNull } from 'drizzle-orm';
import {
  oneTimeLinkState,
  MAX_TOKEN_LENGTH,
  type OneTimeLinkState,
} from '@/lib/accounts/one-time-link';
import { absoluteUrl } from '@/lib/config/app-url';
import { staffMembers, staffSetupLinks } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Locale } from '@/lib/i18n/routing';
import { hashToken, newToken } from '@/lib/security/tokens';

/**
 * A staff member's set-up link: the one-time link life cycle of lib/accounts/one-time-link.ts
 * (valid → used | superseded | expired, decided by `oneTimeLinkState`), in a table of its own
 * because staff are not residents. 72 hours: long enough to reach a new colleague after a
 * weekend, and a newer link (re-enrolment) retires it.
 */
export const STAFF_SETUP_LINK_LIFETIME_MS = 72 * 60 * 60_000;

export type StaffSetupLink = typeof staffSetupLinks.$inferSelect & {
  staff: { email: string; disabledAt: Date | null };
};

/** Within the caller's transaction: retires the member's earlier links and issues a new one. */
export async function issueStaffSetupLink(
  tx: Db,
  opts: { staffId: string; now: Date; appUrl: string; locale: Locale },
): Promise<{ url: string; expiresAt: Date }> {
  await tx
    .update(staffSetupLinks)
    .set({ supersededAt: opts.now })
    .where(
      and(
        eq(staffSetupLinks.staffId, opts.staffId),
        isNull(staffSetupLinks.usedAt),
        isNull(staffSetupLinks.supersededAt),
      ),
    );
  const token = newToken();
  const expiresAt = new Date(opts.now.getTime() + STAFF_SETUP_LINK_LIFETIME_MS);
  await tx.insert(staffSetupLinks).values({
    staffId: opts.staffId,
    tokenHash: hashToken(token),
    createdAt: opts.now,
    expiresAt,
  });
  return { url: absoluteUrl(opts.appUrl, '/staff/setup', opts.locale, { token }), expiresAt };
}

/** Read only: the link the token names, with its member's address and disabled mark. */
export async function findStaffSetupLink(
  db: Db,
  token: string,
): Promise<StaffSetupLink | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const [row] = await db
    .select({
      link: staffSetupLinks,
      staff: { email: staffMembers.email, disabledAt: staffMembers.disabledAt },
    })
    .from(staffSetupLinks)
    .innerJoin(staffMembers, eq(staffMembers.id, staffSetupLinks.staffId))
    .where(eq(staffSetupLinks.tokenHash, hashToken(token)));
  return row && { ...row.link, staff: row.staff };
}

/** The link's state; a disabled member's link is as good as superseded. */
export function staffSetupLinkState(link: StaffSetupLink | undefined, now: Date): OneTimeLinkState {
  if (link?.staff.disabledAt && !link.usedAt) return 'superseded';
  return oneTimeLinkState(link, now);
}

/** One guarded UPDATE: of two requests racing with one link, exactly one gets true. */
export async function useStaffSetupLink(tx: Db, id: string, now: Date): Promise<boolean> {
  const used = await tx
    .update(staffSetupLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffSetupLinks.id, id),
        isNull(staffSetupLinks.usedAt),
        isNull(staffSetupLinks.supersededAt),
        gt(staffSetupLinks.expiresAt, now),
      ),
    )
    .returning({ id: staffSetupLinks.id });
  return used.length === 1;
}
