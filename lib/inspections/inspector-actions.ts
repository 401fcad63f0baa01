import { eq } from 'drizzle-orm';
import { transitionApplication, type ApplicationStatus } from '@/lib/applications/status-machine';
import { absoluteUrlOf } from '@/lib/applications/urls';
import { applications, inspections, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';
import { recordStaffAudit } from '@/lib/staff/audit';
import type { StaffRole } from '@/lib/staff/roles';
import {
  allowedInspectionTransition,
  transitionInspection,
  type InspectionStatus,
} from './status-machine';
import type { InspectionPeriod, InspectionResult, InspectionType } from './types';

type ActionDeps = Pick<Deps, 'db' | 'now' | 'appUrl'>;

/** Who acts: the staff member of the request, as requireStaffAction gave them. */
export interface InspectorActor {
  id: string;
  role: StaffRole;
}

export type InspectorActionResult =
  | { status: 'ok'; to: InspectionStatus; closed: boolean }
  /** No such inspection (or not a uuid). */
  | { status: 'not_found' }
  /**
   * The table refuses it: this role, or not from this status (already done, cancelled by the
   * resident, or a requested one that has no window yet), or the permit is not "Délivré".
   */
  | { status: 'not_allowed' }
  | { status: 'invalid'; fieldErrors: Record<string, string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isInspectionId = (value: string) => UUID.test(value);

/** The half-days, in minutes of the day (Ottawa time): morning 08:00–12:00, afternoon 12:00–17:00. */
export const PERIOD_BOUNDS: Record<InspectionPeriod, { start: string; end: string }> = {
  morning: { start: '08:00', end: '12:00' },
  afternoon: { start: '12:00', end: '17:00' },
};
/** The shortest window an inspector may confirm. */
export const MIN_WINDOW_MINUTES = 30;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isClockTime = (value: string) => HHMM.test(value);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const E = 'StaffInspections.schedule.errors';

/**
 * Why a window is refused, by field (message keys), or null: both times HH:MM, within the
 * half-day the resident asked for, the start before the end, at least 30 minutes.
 */
export function refuseWindow(
  period: InspectionPeriod,
  start: string,
  end: string,
): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const bounds = PERIOD_BOUNDS[period];
  if (!isClockTime(start)) errors.windowStart = `${E}.startInvalid`;
  else if (minutes(start) < minutes(bounds.start) || minutes(start) >= minutes(bounds.end))
    errors.windowStart = `${E}.startOutside${period === 'morning' ? 'Morning' : 'Afternoon'}`;
  if (!isClockTime(end)) errors.windowEnd = `${E}.endInvalid`;
  else if (minutes(end) <= minutes(bounds.start) || minutes(end) > minutes(bounds.end))
    errors.windowEnd = `${E}.endOutside${period === 'morning' ? 'Morning' : 'Afternoon'}`;
  if (!errors.windowStart && !errors.windowEnd) {
    if (minutes(end) <= minutes(start)) errors.windowEnd = `${E}.endBeforeStart`;
    else if (minutes(end) - minutes(start) < MIN_WINDOW_MINUTES) errors.windowEnd = `${E}.tooShort`;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

interface LockedInspection {
  id: string;
  applicationId: string;
  type: InspectionType;
  status: InspectionStatus;
  period: InspectionPeriod;
  preferredOn: string;
  contactName: string;
  contactPhone: string;
  application: { reference: string; status: ApplicationStatus; userId: string };
}

/**
 * The inspection and its application, both locked, in the order every inspection move takes
 * them (the application, then the inspection): two inspectors at once, or an inspector and the
 * resident cancelling, wait for each other and the second sees the first's status.
 */
async function lockInspection(tx: Db, inspectionId: string): Promise<LockedInspection | null> {
  const [found] = await tx
    .select({ applicationId: inspections.applicationId })
    .from(inspections)
    .where(eq(inspections.id, inspectionId));
  if (!found) return null;
  const [application] = await tx
    .select({
      reference: applications.reference,
      status: applications.status,
      userId: applications.userId,
    })
    .from(applications)
    .where(eq(applications.id, found.applicationId))
    .for('update');
  const [row] = await tx
    .select({
      id: inspections.id,
      applicationId: inspections.applicationId,
      type: inspections.type,
      status: inspections.status,
      period: inspections.period,
      preferredOn: inspections.preferredOn,
      contactName: inspections.contactName,
      contactPhone: inspections.contactPhone,
    })
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('update');
  if (!application || !row) return null;
  return {
    ...row,
    type: row.type as InspectionType,
    status: row.status as InspectionStatus,
    period: row.period as InspectionPeriod,
    application: { ...application, status: application.status as ApplicationStatus },
  };
}

async function ownerOf(tx: Db, userId: string): Promise<{ email: string; locale: Locale }> {
  const [owner] = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  if (!owner) throw new Error('An application without its owner');
  return owner;
}

/**
 * "Confirmer la plage horaire": the window on the resident's day, within their half-day; from
 * "requested", or again from "scheduled" (the inspector's day changed). One transaction: the
 * move through the inspection's table (its event in the application's timeline), one staff audit
 * row naming the application, the resident's email in their language. Only on an issued permit.
 */
export async function confirmInspectionWindow(
  deps: ActionDeps,
  staff: InspectorActor,
  input: { inspectionId: string; windowStart: string; windowEnd: string; ip?: string },
): Promise<InspectorActionResult> {
  if (!isInspectionId(input.inspectionId)) return { status: 'not_found' };
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const inspection = await lockInspection(tx, input.inspectionId);
    if (!inspection) return { status: 'not_found' as const };
    if (
      inspection.application.status !== 'issued' ||
      !allowedInspectionTransition(inspection.status, 'inspection_scheduled', staff.role)
    )
      return { status: 'not_allowed' as const };
    const refused = refuseWindow(inspection.period, input.windowStart, input.windowEnd);
    if (refused) return { status: 'invalid' as const, fieldErrors: refused };
    const from = inspection.status;
    const moved = await transitionInspection(tx, {
      inspection,
      applicationStatus: inspection.application.status,
      event: 'inspection_scheduled',
      actor: { role: staff.role, id: staff.id },
      now,
      set: {
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        scheduledAt: now,
        inspectorId: staff.id,
      },
      detail: { windowStart: input.windowStart, windowEnd: input.windowEnd },
    });
    if (moved.status !== 'ok') return { status: 'not_allowed' as const };
    await recordStaffAudit(tx, {
      action: 'inspection_scheduled',
      now,
      actorId: staff.id,
      applicationId: inspection.applicationId,
      ip: input.ip,
      detail: {
        reference: inspection.application.reference,
        inspectionType: inspection.type,
        // Not `from`/`to`: those name the application's statuses in the audit trail.
        inspectionFrom: from,
        inspectionTo: moved.to,
      },
    });
    const owner = await ownerOf(tx, inspection.application.userId);
    await enqueueEmail(
      tx,
      {
        to: owner.email,
        template: 'inspection-scheduled',
        locale: owner.locale,
        props: {
          reference: inspection.application.reference,
          inspectionType: inspection.type,
          day: inspection.preferredOn,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          contactName: inspection.contactName,
          contactPhone: inspection.contactPhone,
          applicationUrl: absoluteUrlOf(
            deps.appUrl,
            owner.locale,
            inspection.application.reference,
          ),
        },
      },
      { now: () => now },
    );
    return { status: 'ok' as const, to: moved.to, closed: false };
  });
}

/**
 * "Consigner le résultat": Conforme, Non conforme or Partielle, what to fix (the resident sees
 * it; required unless it passed), the notes (staff only); only from "scheduled". One
 * transaction: the move, the audit row, and when a final inspection passes, the permit closed
 * through the application's table ('close', inspections done) with its own audit row; then one
 * email to the resident with the result (and the closing).
 */
export async function recordInspectionResult(
  deps: ActionDeps,
  staff: InspectorActor,
  input: {
    inspectionId: string;
    result: InspectionResult;
    toFix: string;
    notes: string;
    ip?: string;
  },
): Promise<InspectorActionResult> {
  if (!isInspectionId(input.inspectionId)) return { status: 'not_found' };
  const toFix = input.toFix.trim();
  const notes = input.notes.trim();
  if (input.result !== 'passed' && !toFix) {
    return {
      status: 'invalid',
      fieldErrors: { toFix: 'StaffInspections.record.errors.toFixRequired' },
    };
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const inspection = await lockInspection(tx, input.inspectionId);
    if (!inspection) return { status: 'not_found' as const };
    const { application } = inspection;
    if (application.status !== 'issued') return { status: 'not_allowed' as const };
    const moved = await transitionInspection(tx, {
      inspection,
      applicationStatus: application.status,
      event: 'inspection_recorded',
      actor: { role: staff.role, id: staff.id },
      now,
      set: {
        result: input.result,
        toFix: toFix || null,
        notes: notes || null,
        resultRecordedAt: now,
        inspectorId: staff.id,
      },
      detail: { result: input.result },
    });
    if (moved.status !== 'ok') return { status: 'not_allowed' as const };
    await recordStaffAudit(tx, {
      action: 'inspection_recorded',
      now,
      actorId: staff.id,
      applicationId: inspection.applicationId,
      ip: input.ip,
      detail: {
        reference: application.reference,
        inspectionType: inspection.type,
        result: input.result,
        inspectionFrom: inspection.status,
        inspectionTo: moved.to,
      },
    });
    const closes = input.result === 'passed' && inspection.type === 'final';
    if (closes) {
      const closed = await transitionApplication(tx, {
        application: { id: inspection.applicationId, status: application.status },
        event: 'close',
        actor: { role: staff.role, id: staff.id },
        facts: { inspectionsDone: true },
        now,
        detail: { inspectionId: inspection.id },
      });
      // The application was read locked as "Délivré" and the role may record: the table allows it.
      if (closed.status !== 'ok') throw new Error(`${application.reference} could not close`);
      await recordStaffAudit(tx, {
        action: 'application_closed',
        now,
        actorId: staff.id,
        applicationId: inspection.applicationId,
        ip: input.ip,
        detail: { reference: application.reference, from: application.status, to: closed.to },
      });
    }
    const owner = await ownerOf(tx, application.userId);
    await enqueueEmail(
      tx,
      {
        to: owner.email,
        template: closes ? 'permit-closed' : 'inspection-result',
        locale: owner.locale,
        props: {
          reference: application.reference,
          inspectionType: inspection.type,
          day: inspection.preferredOn,
          result: input.result,
          toFix: toFix || null,
          permitClosed: closes,
          applicationUrl: absoluteUrlOf(deps.appUrl, owner.locale, application.reference),
        },
      },
      { now: () => now },
    );
    return { status: 'ok' as const, to: moved.to, closed: closes };
  });
}
