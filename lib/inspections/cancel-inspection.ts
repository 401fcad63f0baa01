import { and, eq } from 'drizzle-orm';
import { applications, inspections } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { canCancel, cancellationDeadline } from './booking-rules';
import { transitionInspection, type InspectionStatus } from './status-machine';
import { INSPECTED_TYPES } from './types';

export type CancelInspectionResult =
  | { status: 'ok' }
  /** Another resident's application or inspection, or none: the same "page not found". */
  | { status: 'not_found' }
  /** No longer open (cancelled in another tab, or done): nothing to cancel. */
  | { status: 'not_allowed' }
  /** Past 15:00 the business day before the preferred day (Ottawa time). */
  | { status: 'too_late'; deadline: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Annuler l’inspection": the owner cancels an open inspection until 15:00 the business day
 * before its preferred day (`canCancel`). One transaction: the application FOR UPDATE by
 * reference and owner, the inspection FOR UPDATE by id within it, then the move through the
 * inspection's table ('inspection_cancelled', which also writes the timeline's event).
 */
export async function cancelInspection(
  deps: { db: Db },
  input: { userId: string; reference: string; inspectionId: string; now: Date },
): Promise<CancelInspectionResult> {
  const { now } = input;
  if (!UUID.test(input.inspectionId)) return { status: 'not_found' };
  return deps.db.transaction(async (tx): Promise<CancelInspectionResult> => {
    const [application] = await tx
      .select({ id: applications.id, type: applications.type, status: applications.status })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application || !INSPECTED_TYPES.includes(application.type)) {
      return { status: 'not_found' };
    }
    const [inspection] = await tx
      .select({
        id: inspections.id,
        applicationId: inspections.applicationId,
        type: inspections.type,
        status: inspections.status,
        preferredOn: inspections.preferredOn,
      })
      .from(inspections)
      .where(
        and(eq(inspections.id, input.inspectionId), eq(inspections.applicationId, application.id)),
      )
      .for('update');
    if (!inspection) return { status: 'not_found' };
    if (inspection.status !== 'requested' && inspection.status !== 'scheduled') {
      return { status: 'not_allowed' };
    }
    if (!canCancel(now, inspection.preferredOn)) {
      return { status: 'too_late', deadline: cancellationDeadline(inspection.preferredOn) };
    }
    const moved = await transitionInspection(tx, {
      inspection: { ...inspection, status: inspection.status as InspectionStatus },
      applicationStatus: application.status,
      event: 'inspection_cancelled',
      actor: { role: 'resident', id: input.userId },
      now,
      set: { cancelledAt: now },
    });
    return moved.status === 'ok' ? { status: 'ok' } : { status: 'not_allowed' };
  });
}
