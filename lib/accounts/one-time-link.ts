import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { absoluteUrl } from '@/lib/config/app-url';
import { oneTimeLinks, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { AppPathname, Locale } from '@/lib/i18n/routing';
import { hashToken, newToken } from '@/lib/security/tokens';

/**
 * One-time links, every kind in one table (`one_time_links`) with one life cycle:
 *
 *   issued ──use──→ used          (the POST of the link's page; the only way to use it)
 *   issued ──retire──→ superseded (a newer link of the kind, a password change…)
 *   issued ──time──→ expired      (expires_at, from the lifetime below)
 *
 * A state is decided from the row alone (`oneTimeLinkState`); `useOneTimeLink` is the one
 * transition that writes `used_at`, `retireOneTimeLinks` the one that writes `superseded_at`.
 * A new kind (staff set-up, application resume…) is one more entry in the tables below.
 */
export type OneTimeLinkKind = (typeof oneTimeLinks.kind.enumValues)[number];

const HOUR = 60 * 60_000;

/** How long a link of each kind lives. */
export const ONE_TIME_LINK_LIFETIME_MS = {
  /** 48 hours, as the City's guide says (ACT-02: a deliberate choice). */
  activation: 48 * HOUR,
  /** 15 minutes (RST-02). */
  password_reset: 15 * 60_000,
  /** 48 hours, like the activation link. */
  email_change: 48 * HOUR,
} as const satisfies Record<OneTimeLinkKind, number>;

/** The page each kind of link opens (GET shows it, POST uses the link). */
export const ONE_TIME_LINK_PAGE = {
  activation: '/activate',
  password_reset: '/reset-password',
  email_change: '/confirm-email',
} as const satisfies Record<OneTimeLinkKind, AppPathname>;

/**
 * Longest token looked up: ours are 43 characters (lib/security/tokens.ts); anything longer is
 * not one of ours and is not even hashed.
 */
export const MAX_TOKEN_LENGTH = 200;

/** What a link is, one view per state. */
export type OneTimeLinkState = 'valid' | 'expired' | 'used' | 'superseded' | 'not_found';

/** A state other than 'valid': what a page or a POST answers for a link that cannot be used. */
export type DeadLinkState = Exclude<OneTimeLinkState, 'valid'>;

export type OneTimeLink = typeof oneTimeLinks.$inferSelect;

/** The state a row (none: no such link) is in at `now`. */
export function oneTimeLinkState(
  row: Pick<OneTimeLink, 'usedAt' | 'supersededAt' | 'expiresAt'> | undefined,
  now: Date,
): OneTimeLinkState {
  if (!row) return 'not_found';
  if (row.usedAt) return 'used';
  if (row.supersededAt) return 'superseded';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** A link and the account it belongs to, as the one lookup returns them. */
export type FoundOneTimeLink = OneTimeLink & {
  account: Pick<typeof users.$inferSelect, 'email' | 'status' | 'locale'>;
};

/**
 * The one lookup, read only: the link of `kind` whose token hashes to a stored hash, with its
 * account's address, status and language (one query).
 */
export async function findOneTimeLink(
  db: Db,
  kind: OneTimeLinkKind,
  token: string,
): Promise<FoundOneTimeLink | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const [row] = await db
    .select({
      link: oneTimeLinks,
      account: { email: users.email, status: users.status, locale: users.locale },
    })
    .from(oneTimeLinks)
    .innerJoin(users, eq(users.id, oneTimeLinks.userId))
    .where(and(eq(oneTimeLinks.tokenHash, hashToken(token)), eq(oneTimeLinks.kind, kind)));
  return row && { ...row.link, account: row.account };
}

/**
 * Within the caller's transaction: stores the SHA-256 of a new 256-bit token (ACT-01) with its
 * kind's lifetime and returns the absolute link for the email (APP_URL, MAIL-01). The token
 * exists only in that link. Earlier links are the caller's to retire (`retireOneTimeLinks`).
 */
export async function issueOneTimeLink(
  tx: Db,
  opts: {
    kind: OneTimeLinkKind;
    userId: string;
    /** The language of the page the link opens. */
    locale: Locale;
    now: Date;
    appUrl: string;
    newEmail?: string;
  },
): Promise<{ url: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(opts.now.getTime() + ONE_TIME_LINK_LIFETIME_MS[opts.kind]);
  await tx.insert(oneTimeLinks).values({
    kind: opts.kind,
    userId: opts.userId,
    tokenHash: hashToken(token),
    newEmail: opts.newEmail ?? null,
    createdAt: opts.now,
    expiresAt,
  });
  const url = absoluteUrl(opts.appUrl, ONE_TIME_LINK_PAGE[opts.kind], opts.locale, { token });
  return { url, expiresAt };
}

/**
 * Marks the link used if it still can be at `now` (unused, not retired, not expired), in one
 * guarded UPDATE: of two requests racing with one link, exactly one gets true.
 */
export async function useOneTimeLink(tx: Db, id: string, now: Date): Promise<boolean> {
  const used = await tx
    .update(oneTimeLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeLinks.id, id),
        isNull(oneTimeLinks.usedAt),
        isNull(oneTimeLinks.supersededAt),
        gt(oneTimeLinks.expiresAt, now),
      ),
    )
    .returning({ id: oneTimeLinks.id });
  return used.length === 1;
}

/** Every unused link of the account of these kinds stops working (a newer link, a password change…). */
export async function retireOneTimeLinks(
  tx: Db,
  kinds: OneTimeLinkKind | readonly OneTimeLinkKind[],
  userId: string,
  now: Date,
): Promise<void> {
  const list = typeof kinds === 'string' ? [kinds] : [...kinds];
  await tx
    .update(oneTimeLinks)
    .set({ supersededAt: now })
    .where(
      and(
        eq(oneTimeLinks.userId, userId),
        inArray(oneTimeLinks.kind, list),
        isNull(oneTimeLinks.usedAt),
        isNull(oneTimeLinks.supersededAt),
      ),
    );
}
