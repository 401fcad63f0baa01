import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { loginThrottles } from '@/lib/db/schema';
import { hashIdentifier } from './tokens';

/**
 * Per-account sign-in throttle (LOG-03, ACT-05), keyed on the normalized email — hashed, and
 * whether or not an account exists, so an unknown address locks exactly like a real one.
 * Sign-in, the activation page and every current-password check share it: one key per address,
 * `loginThrottleKey(normalizedEmail)`, the only name this key has.
 *
 * - Every 5th consecutive failure locks the key for 15 minutes.
 * - 100 consecutive failures hard-lock it: only a password reset (`clearLoginFailures`) opens it.
 * - A successful sign-in clears the counter ("consecutive").
 *
 * Callers check first and, while the key is not 'open', refuse WITHOUT verifying the password and
 * WITHOUT recording a failure (run `dummyVerify` for timing). Requests racing past `checkLogin`
 * in parallel are each verified and each counted, so the total number of guesses before the hard
 * lock stays ~100 however they are timed; the per-IP limit bounds the bursts.
 */

export type LoginThrottleState = 'open' | 'locked' | 'hardLocked';

export const LOCK_EVERY_FAILURES = 5;
export const LOCK_DURATION_MS = 15 * 60_000;
export const HARD_LOCK_FAILURES = 100;

/** The throttle key of a normalized email address: a keyed hash, never the address itself. */
export function loginThrottleKey(normalizedEmail: string): string {
  return hashIdentifier(normalizedEmail, 'login');
}

/** The state a counter row (none: no failures) leaves its key in at `now`. */
export function loginThrottleState(
  row: { failures: number; lockedUntil: Date | null } | undefined,
  now: Date,
): LoginThrottleState {
  if (!row) return 'open';
  if (row.failures >= HARD_LOCK_FAILURES) return 'hardLocked';
  if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime()) return 'locked';
  return 'open';
}

/** Whether a sign-in attempt for this key may be evaluated now. */
export async function checkLogin(
  db: Db,
  throttleKey: string,
  now: Date,
): Promise<LoginThrottleState> {
  const [row] = await db
    .select({ failures: loginThrottles.failures, lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, throttleKey));
  return loginThrottleState(row, now);
}

/**
 * Counts one failed attempt (one atomic upsert) and returns the state it leaves the key in:
 * 'locked' right after the 5th, 10th, … failure, 'hardLocked' from the 100th.
 */
export async function recordLoginFailure(
  db: Db,
  throttleKey: string,
  now: Date,
): Promise<LoginThrottleState> {
  const lockUntil = new Date(now.getTime() + LOCK_DURATION_MS).toISOString();
  const [row] = await db
    .insert(loginThrottles)
    .values({ key: throttleKey, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`${loginThrottles.failures} + 1`,
        lockedUntil: sql`case when (${loginThrottles.failures} + 1) % ${LOCK_EVERY_FAILURES} = 0
          then ${lockUntil}::timestamptz else ${loginThrottles.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: loginThrottles.failures, lockedUntil: loginThrottles.lockedUntil });
  return loginThrottleState(row, now);
}

/**
 * Clears the counter: after a successful sign-in (consecutive failures start over) and a
 * password reset (which also lifts a hard lock).
 */
export async function clearLoginFailures(db: Db, throttleKey: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, throttleKey));
}

/**
 * A counter idle this long is forgotten by `pruneLoginThrottles`: its failures no longer count as
 * consecutive. 30 days, so a slow guesser gains at most 99 guesses a month per address beyond the
 * 15-minute locks, which the per-IP limit and the password policy already bound.
 */
export const LOGIN_THROTTLE_IDLE_MS = 30 * 24 * 60 * 60_000;

/**
 * Housekeeping (the scheduled jobs): deletes counters untouched for LOGIN_THROTTLE_IDLE_MS (their
 * 15-minute lock long over). A hard-locked key is kept, however old: only a password reset opens it. Returns
 * how many rows went.
 */
export async function pruneLoginThrottles(deps: Pick<Deps, 'db' | 'now'>): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - LOGIN_THROTTLE_IDLE_MS);
  const deleted = await deps.db
    .delete(loginThrottles)
    .where(
      and(lt(loginThrottles.updatedAt, cutoff), lt(loginThrottles.failures, HARD_LOCK_FAILURES)),
    )
    .returning({ key: loginThrottles.key });
  return deleted.length;
}
