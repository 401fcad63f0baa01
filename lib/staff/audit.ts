import { desc, eq, or, type SQL } from 'drizzle-orm';
import { staffAudit, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { IP_HASH_PURPOSE } from '@/lib/security/events';
import { hashIdentifier } from '@/lib/security/tokens';
import { alias } from 'drizzle-orm/pg-core';

/**
 * The staff audit trail (STF-04). Append-only: this module writes a row and reads rows, and has
 * nothing else — no update, no delete — and the database refuses both anyway (a trigger, see
 * drizzle/0011_staff.sql). Tests check both.
 */
export const STAFF_AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_locked',
  'sign_out',
  'recovery_code_used',
  'password_set',
  'totp_enrolled',
  'staff_created',
  'staff_disabled',
  'staff_reenrolled',
  // Issue 19: the actions on an application (each also an application event), and notes.
  'application_check_started',
  'application_accepted',
  'information_requested',
  'application_assigned',
  'application_approved',
  'application_refused',
  'charge_added',
  'permit_issued',
  'withdrawal_confirmed',
  'note_added',
  // Issue 20: the inspectors' moves (each also an application event), and the permit closed
  // after a passed final inspection.
  'inspection_scheduled',
  'inspection_recorded',
  'application_closed',
  // Issue 19: the support screens (the same domain functions as the commands).
  'resident_looked_up',
  'activation_resent',
  'password_change_required',
  'client_pin_issued',
  'client_pins_imported',
  'pin_link_unlocked',
] as const;
export type StaffAuditAction = (typeof STAFF_AUDIT_ACTIONS)[number];

export interface StaffAuditEntry {
  action: StaffAuditAction;
  now: Date;
  /** Who acted: a staff member, or null (the command line, an unknown address). */
  actorId?: string | null;
  /** Whom it was about. */
  subjectId?: string | null;
  /** The application acted upon: its audit trail reads by it. */
  applicationId?: string | null;
  /** The client address, stored as a keyed hash only. */
  ip?: string;
  detail?: Record<string, string | number | boolean>;
}

/** Appends one row, in the caller's transaction when given one. */
export async function recordStaffAudit(db: Db, entry: StaffAuditEntry): Promise<void> {
  await db.insert(staffAudit).values({
    action: entry.action,
    occurredAt: entry.now,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    applicationId: entry.applicationId ?? null,
    ipHash: entry.ip ? hashIdentifier(entry.ip, IP_HASH_PURPOSE) : null,
    detail: entry.detail ?? null,
  });
}

export interface StaffAuditRow {
  seq: number;
  occurredAt: Date;
  action: string;
  actorName: string | null;
  subjectName: string | null;
  detail: Record<string, string | number | boolean> | null;
}

/** A staff member's trail, newest first: what they did and what was done to their account. */
export async function listStaffAudit(
  db: Db,
  staffId: string,
  limit = 100,
): Promise<StaffAuditRow[]> {
  return auditRows(
    db,
    or(eq(staffAudit.subjectId, staffId), eq(staffAudit.actorId, staffId))!,
    limit,
  );
}

/** An application's audit trail (STF-04), newest first: every staff action on it, and who. */
export async function listApplicationAudit(
  db: Db,
  applicationId: string,
  limit = 200,
): Promise<StaffAuditRow[]> {
  return auditRows(db, eq(staffAudit.applicationId, applicationId), limit);
}

async function auditRows(db: Db, where: SQL, limit: number): Promise<StaffAuditRow[]> {
  const actor = alias(staffMembers, 'actor');
  const subject = alias(staffMembers, 'subject');
  return db
    .select({
      seq: staffAudit.seq,
      occurredAt: staffAudit.occurredAt,
      action: staffAudit.action,
      actorName: actor.name,
      subjectName: subject.name,
      detail: staffAudit.detail,
    })
    .from(staffAudit)
    .leftJoin(actor, eq(actor.id, staffAudit.actorId))
    .leftJoin(subject, eq(subject.id, staffAudit.subjectId))
    .where(where)
    .orderBy(desc(staffAudit.seq))
    .limit(limit);
}
