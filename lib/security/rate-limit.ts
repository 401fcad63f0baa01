import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { rateLimits } from '@/lib/db/schema';
import { ipRateLimitBucket } from './client-ip';
import { hashIdentifier } from './tokens';

/**
 * Fixed-window rate limits kept in Postgres (never process memory: serverless instances share
 * nothing else). One atomic statement per hit, so concurrent requests cannot overshoot.
 */

export interface RateLimit {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The product's limits (SECURITY.md rows in brackets). */
export const LIMITS = {
  /** REG-05: registration POSTs per IP. */
  registerPerIp: { limit: 20, windowMs: MINUTE },
  /** REG-04: activation emails per address, identical for existing and new addresses. */
  activationEmailsPerAddress: { limit: 5, windowMs: HOUR },
  /** LOG-04: login (and activation-password) POSTs per IP. */
  loginPerIp: { limit: 20, windowMs: MINUTE },
  /** RST-03: reset emails per address. */
  resetEmailsPerAddress: { limit: 5, windowMs: HOUR },
  /** RST-03 "plus the per-IP limit": reset requests per IP. */
  resetPerIp: { limit: 20, windowMs: MINUTE },
  /** Email change: confirmation links per new address, and requests per account (notices). */
  emailChangeEmailsPerAddress: { limit: 5, windowMs: HOUR },
  /** PIN-02: PIN attempts per account (counted before verification). */
  pinAttemptsPerAccount: { limit: 5, windowMs: 10 * MINUTE },
  /** PIN-03: PIN attempts per IP, across accounts. */
  pinAttemptsPerIp: { limit: 20, windowMs: HOUR },
} as const satisfies Record<string, RateLimit>;

/** The longest window above; rows older than this can be pruned. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));

/**
 * A rate-limit key, `<kind>:<hash>`: the identifier (an IP or a normalized email) is hashed with
 * `hashIdentifier`, so the table never holds a raw address. An IPv6 address counts by its /64
 * (`ipRateLimitBucket`), since one subscriber usually holds a whole /64.
 */
export function rateLimitKey(kind: string, identifier: string): string {
  return `${kind}:${hashIdentifier(ipRateLimitBucket(identifier), kind)}`;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** 0 when allowed; otherwise how long until the window resets (for Retry-After). */
  retryAfterMs: number;
}

/**
 * Counts one hit against `key` and says whether it is within `limit` for the fixed window of
 * `windowMs` that started with the first hit. A window that has passed starts over at 1.
 *
 * One `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING`: Postgres locks the row for the update,
 * so N concurrent hits give counts 1..N with no lost update. Refused hits are counted too.
 */
export async function hitRateLimit(
  db: Db,
  opts: { key: string; limit: number; windowMs: number; now: Date },
): Promise<RateLimitResult> {
  const { key, limit, windowMs, now } = opts;
  // The stored window has passed when it started at or before this instant.
  const expiredAt = new Date(now.getTime() - windowMs).toISOString();
  const expired = sql`${rateLimits.windowStart} <= ${expiredAt}::timestamptz`;

  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then excluded.window_start else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row) throw new Error('rate limit upsert returned no row');

  const allowed = row.count <= limit;
  const resetsAt = row.windowStart.getTime() + windowMs;
  return {
    allowed,
    count: row.count,
    retryAfterMs: allowed ? 0 : Math.max(0, resetsAt - now.getTime()),
  };
}

/**
 * Housekeeping (the scheduled jobs): deletes counters whose window ended long ago — a row older
 * than the longest window counts for nothing (the next hit starts a new window). Returns how many
 * rows went.
 */
export async function pruneRateLimits(
  deps: Pick<Deps, 'db' | 'now'>,
  olderThanMs = LONGEST_WINDOW_MS,
): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - olderThanMs);
  const deleted = await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, cutoff))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
