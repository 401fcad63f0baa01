import { and, asc, desc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { decisionBusinessDaysFor, findType } from '@/lib/applications/catalogue';
import { decisionClock, type DecisionClock } from '@/lib/applications/decision-clock';
import { loadApplication, type ApplicationView } from '@/lib/applications/load-application';
import { isReference } from '@/lib/applications/paths';
import type { ApplicationEventType, ApplicationStatus } from '@/lib/applications/status-machine';
import type { ApplicationAnswers } from '@/lib/applications/step-schema';
import { ottawaDate } from '@/lib/calendar/business-days';
import {
  applicationEvents,
  applications,
  applicationVersions,
  informationRequests,
  staffMembers,
  staffNotes,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { ASSIGNABLE_ROLES } from './application-actions/actions';
import { listApplicationAudit } from './audit';
import type { StaffAuditRow } from './audit';
import type { StaffRole } from './roles';

export interface StaffEventView {
  seq: number;
  type: ApplicationEventType;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  actorRole: string;
  /** The staff member's name when staff acted. */
  staffName: string | null;
  occurredAt: Date;
  detail: Record<string, unknown> | null;
}

export interface StaffApplicationView {
  /** What the resident's page shows (answers of the latest version, files, invoices…). */
  application: ApplicationView;
  acceptedOn: string | null;
  decisionDueOn: string | null;
  permitConditions: string | null;
  assignee: { id: string; name: string } | null;
  /** Every submission, newest first; `answers` only for the one asked to be shown. */
  versions: { version: number; submittedAt: Date; feeCents: number }[];
  shownVersion: { version: number; answers: ApplicationAnswers } | null;
  events: StaffEventView[];
  notes: { id: string; body: string; staffName: string | null; createdAt: Date }[];
  requests: (typeof informationRequests.$inferSelect & { requestedByName: string | null })[];
  /** The business days the City has for this one (its building class), or null. */
  decisionBusinessDays: number | null;
  /** Where the City's clock stands today; null before acceptance. */
  clock: DecisionClock | null;
  audit: StaffAuditRow[];
  /** Who the application may be assigned to: active intake, examiners, administrators. */
  assignable: { id: string; name: string; role: StaffRole }[];
}

/**
 * One application as staff see it (issue 19): the resident's view plus the versions, the
 * timeline with the staff who acted, the notes, the requests for information, the clock, the
 * assignee and the audit trail. null for an unknown reference or a draft (staff never see
 * drafts): the page answers "not found" for both.
 */
export async function loadStaffApplication(
  db: Db,
  reference: string,
  opts: { now: Date; version?: number },
): Promise<StaffApplicationView | null> {
  if (!isReference(reference)) return null;
  const [row] = await db
    .select({
      id: applications.id,
      userId: applications.userId,
      acceptedOn: applications.acceptedOn,
      decisionDueOn: applications.decisionDueOn,
      permitConditions: applications.permitConditions,
      assigneeId: staffMembers.id,
      assigneeName: staffMembers.name,
    })
    .from(applications)
    .leftJoin(staffMembers, eq(staffMembers.id, applications.assignedTo))
    .where(and(eq(applications.reference, reference), ne(applications.status, 'draft')));
  if (!row) return null;
  const application = await loadApplication(db, row.userId, reference);
  if (!application) return null;
  const type = findType(application.type);
  const [versions, events, notes, requests, audit, assignable] = await Promise.all([
    db
      .select({
        version: applicationVersions.version,
        submittedAt: applicationVersions.submittedAt,
        feeCents: applicationVersions.feeCents,
      })
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, row.id))
      .orderBy(desc(applicationVersions.version)),
    db
      .select({
        seq: applicationEvents.seq,
        type: applicationEvents.type,
        fromStatus: applicationEvents.fromStatus,
        toStatus: applicationEvents.toStatus,
        actorRole: applicationEvents.actorRole,
        staffName: staffMembers.name,
        occurredAt: applicationEvents.occurredAt,
        detail: applicationEvents.detail,
      })
      .from(applicationEvents)
      .leftJoin(staffMembers, eq(staffMembers.id, applicationEvents.actorId))
      .where(eq(applicationEvents.applicationId, row.id))
      .orderBy(asc(applicationEvents.seq)),
    db
      .select({
        id: staffNotes.id,
        body: staffNotes.body,
        staffName: staffMembers.name,
        createdAt: staffNotes.createdAt,
      })
      .from(staffNotes)
      .leftJoin(staffMembers, eq(staffMembers.id, staffNotes.staffId))
      .where(eq(staffNotes.applicationId, row.id))
      .orderBy(desc(staffNotes.createdAt)),
    db
      .select({ request: informationRequests, requestedByName: staffMembers.name })
      .from(informationRequests)
      .leftJoin(staffMembers, eq(staffMembers.id, informationRequests.requestedBy))
      .where(eq(informationRequests.applicationId, row.id))
      .orderBy(desc(informationRequests.requestedAt)),
    listApplicationAudit(db, row.id),
    db
      .select({ id: staffMembers.id, name: staffMembers.name, role: staffMembers.role })
      .from(staffMembers)
      .where(
        and(inArray(staffMembers.role, [...ASSIGNABLE_ROLES]), isNull(staffMembers.disabledAt)),
      )
      .orderBy(asc(staffMembers.name)),
  ]);
  let shownVersion: StaffApplicationView['shownVersion'] = null;
  if (opts.version !== undefined && versions.some((v) => v.version === opts.version)) {
    const [stored] = await db
      .select({ version: applicationVersions.version, answers: applicationVersions.answers })
      .from(applicationVersions)
      .where(
        and(
          eq(applicationVersions.applicationId, row.id),
          eq(applicationVersions.version, opts.version),
        ),
      );
    shownVersion = stored ? { version: stored.version, answers: stored.answers } : null;
  }
  return {
    application,
    acceptedOn: row.acceptedOn,
    decisionDueOn: row.decisionDueOn,
    permitConditions: row.permitConditions,
    assignee:
      row.assigneeId && row.assigneeName ? { id: row.assigneeId, name: row.assigneeName } : null,
    versions,
    shownVersion,
    events: events.map((e) => ({
      ...e,
      type: e.type as ApplicationEventType,
      fromStatus: e.fromStatus as ApplicationStatus | null,
      toStatus: e.toStatus as ApplicationStatus,
    })),
    notes,
    requests: requests.map(({ request, requestedByName }) => ({ ...request, requestedByName })),
    clock: await readClock(db, row.id, application, row.acceptedOn, opts.now),
    decisionBusinessDays: type ? decisionBusinessDaysFor(type, application.answers) : null,
    audit,
    assignable,
  };
}

/** The clock as refreshDecisionDue computes it, read only (a page view writes nothing). */
async function readClock(
  db: Db,
  applicationId: string,
  application: ApplicationView,
  acceptedOn: string | null,
  now: Date,
): Promise<DecisionClock | null> {
  const type = findType(application.type);
  if (!acceptedOn || !type) return null;
  const pauses = await db
    .select({
      requestedOn: informationRequests.requestedOn,
      answeredOn: informationRequests.answeredOn,
    })
    .from(informationRequests)
    .where(
      and(
        eq(informationRequests.applicationId, applicationId),
        gte(informationRequests.requestedOn, acceptedOn),
      ),
    );
  return decisionClock({
    acceptedOn,
    businessDays: decisionBusinessDaysFor(type, application.answers),
    pauses,
    today: ottawaDate(now),
  });
}
