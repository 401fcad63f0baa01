import { and, eq, ne } from 'drizzle-orm';
import {
  type ApplicationEventType,
  type ApplicationStatus,
  transitionApplication,
} from '@/lib/applications/status-machine';
import { absoluteUrlOf } from '@/lib/applications/urls';
import { applications, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { recordStaffAudit, type StaffAuditAction } from '../audit';
import type { StaffRole } from '../roles';

/** Who acts: the staff member of the request, as requireStaffAction gave them. */
export interface StaffActor {
  id: string;
  role: StaffRole;
}

export type StaffActionResult =
  | { status: 'ok'; to: ApplicationStatus }
  /** No such reference, or a draft (staff never see drafts). */
  | { status: 'not_found' }
  /** The status machine refuses it: this role, or not from this status (already done). */
  | { status: 'not_allowed' }
  | { status: 'invalid'; fieldErrors: Record<string, string> };

/** The application as an action reads it, locked, with what its resident's email needs. */
export interface LockedApplication {
  id: string;
  reference: string;
  type: string;
  status: ApplicationStatus;
  userId: string;
  withdrawalRequestedAt: Date | null;
  owner: { email: string; locale: Locale };
  /** The resident's page of the application, in their language, for the email. */
  applicationUrl: string;
}

/**
 * The frame of every staff action on an application (issue 19): one transaction; the application
 * read FOR UPDATE by its reference (a draft is "not found"); the move through the status machine
 * with the staff member as actor (the table checks the role, the status and the guard, and the
 * update is guarded by the status read, so two members at once apply it once); one staff audit
 * row naming the application; then `after`, in the same transaction (the request row, the clock,
 * the resident's email). 'not_allowed' writes nothing.
 */
export async function runStaffAction(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  staff: StaffActor,
  input: {
    reference: string;
    event: ApplicationEventType;
    audit: StaffAuditAction;
    ip?: string;
    /** What the event records beyond its type: a comment, the reasons… */
    detail?: Record<string, unknown>;
    /** What the audit row records beyond the move (no free text). */
    auditDetail?: Record<string, string | number | boolean>;
    /** The staff member the action is about (assign). */
    subjectId?: string;
    set?: Partial<typeof applications.$inferInsert>;
    after?: (tx: Db, application: LockedApplication, now: Date) => Promise<void>;
  },
): Promise<StaffActionResult> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: applications.id,
        reference: applications.reference,
        type: applications.type,
        status: applications.status,
        userId: applications.userId,
        withdrawalRequestedAt: applications.withdrawalRequestedAt,
      })
      .from(applications)
      .where(and(eq(applications.reference, input.reference), ne(applications.status, 'draft')))
      .for('update');
    if (!row) return { status: 'not_found' as const };
    const status = row.status as ApplicationStatus;
    const moved = await transitionApplication(tx, {
      application: { id: row.id, status },
      event: input.event,
      actor: { role: staff.role, id: staff.id },
      facts: { withdrawalRequested: row.withdrawalRequestedAt !== null },
      now,
      detail: input.detail,
      set: input.set,
    });
    if (moved.status !== 'ok') return { status: 'not_allowed' as const };
    await recordStaffAudit(tx, {
      action: input.audit,
      now,
      actorId: staff.id,
      subjectId: input.subjectId ?? null,
      applicationId: row.id,
      ip: input.ip,
      detail: { reference: row.reference, from: status, to: moved.to, ...input.auditDetail },
    });
    if (input.after) {
      const [owner] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, row.userId));
      if (!owner) throw new Error('An application without its owner');
      await input.after(
        tx,
        {
          ...row,
          status,
          owner,
          applicationUrl: absoluteUrlOf(deps.appUrl, owner.locale, row.reference),
        },
        now,
      );
    }
    return { status: 'ok' as const, to: moved.to };
  });
}
