import { and, eq, isNull } from 'drizzle-orm';
import { staffMembers, staffSessions } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { hashToken, newToken } from '@/lib/security/tokens';
import type { StaffRole } from './roles';

/**
 * Staff sessions (STF-03), kept in the database and checked there on every staff request: the
 * cookie carries a random 256-bit token, the row its SHA-256. A session ends after 15 minutes
 * without a request, 8 hours after it began, at sign-out, and as soon as its member is disabled
 * or re-enrolled. Residents' sessions (Auth.js JWTs) are another cookie and another table: one
 * never opens the other's area (STF-02).
 */
export const STAFF_IDLE_MS = 15 * 60_000;
export const STAFF_ABSOLUTE_MS = 8 * 60 * 60_000;
/** Activity is written at most this often (one write a minute, not one per request). */
const TOUCH_EVERY_MS = 60_000;

export type StaffSessionStage = (typeof staffSessions.stage.enumValues)[number];

export interface StaffSessionUser {
  sessionId: string;
  stage: StaffSessionStage;
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

/** Within the caller's transaction: a new session, and the token for its cookie. */
export async function createStaffSession(
  tx: Db,
  opts: { staffId: string; stage: StaffSessionStage; now: Date },
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const [row] = await tx
    .insert(staffSessions)
    .values({
      staffId: opts.staffId,
      tokenHash: hashToken(token),
      stage: opts.stage,
      createdAt: opts.now,
      lastSeenAt: opts.now,
    })
    .returning({ id: staffSessions.id });
  return { token, sessionId: row!.id };
}

/** Why a session is not (or no longer) good at `now`; null when it is. */
export function staffSessionProblem(
  row: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null; disabledAt: Date | null },
  now: Date,
): 'ended' | 'disabled' | 'idle' | 'expired' | null {
  if (row.endedAt) return 'ended';
  if (row.disabledAt) return 'disabled';
  if (now.getTime() - row.createdAt.getTime() >= STAFF_ABSOLUTE_MS) return 'expired';
  if (now.getTime() - row.lastSeenAt.getTime() >= STAFF_IDLE_MS) return 'idle';
  return null;
}

/**
 * The staff member a cookie's token stands for at `now`, or null, read from the database (one
 * query, plus one write a minute to record the activity). A session found idle or past 8 hours
 * is ended there and then.
 */
export async function readStaffSession(
  db: Db,
  token: string | undefined,
  now: Date,
): Promise<StaffSessionUser | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({
      sessionId: staffSessions.id,
      stage: staffSessions.stage,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
      endedAt: staffSessions.endedAt,
      id: staffMembers.id,
      email: staffMembers.email,
      name: staffMembers.name,
      role: staffMembers.role,
      disabledAt: staffMembers.disabledAt,
    })
    .from(staffSessions)
    .innerJoin(staffMembers, eq(staffMembers.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, hashToken(token)));
  if (!row) return null;
  const problem = staffSessionProblem(row, now);
  if (problem) {
    if (problem === 'idle' || problem === 'expired') await endStaffSession(db, row.sessionId, now);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(staffSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(staffSessions.id, row.sessionId), isNull(staffSessions.endedAt)));
  }
  return {
    sessionId: row.sessionId,
    stage: row.stage,
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
  };
}

export async function endStaffSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}

/** Every open session of a member ends (disabled, re-enrolled). */
export async function endAllStaffSessions(tx: Db, staffId: string, now: Date): Promise<void> {
  await tx
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)));
}

/** The enrolment session becomes a full one once the first code is confirmed. */
export async function promoteStaffSession(tx: Db, sessionId: string, now: Date): Promise<void> {
  await tx
    .update(staffSessions)
    .set({ stage: 'full', lastSeenAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}
