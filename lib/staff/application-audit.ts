import { desc, eq } from 'drizzle-orm';
import { staffAudit, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { alias } from 'drizzle-orm/pg-core';
import type { StaffAuditRow } from './audit';

/** An application's audit trail (STF-04), newest first: every staff action on it, and who. */
export async function listApplicationAudit(
  db: Db,
  applicationId: string,
  limit = 200,
): Promise<StaffAuditRow[]> {
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
    .where(eq(staffAudit.applicationId, applicationId))
    .orderBy(desc(staffAudit.seq))
    .limit(limit);
}
