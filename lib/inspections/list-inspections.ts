import { and, eq, sql } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { PlainDate } from '@/lib/calendar/business-days';
import { canCancel, cancellationDeadline } from './booking-rules';
import { OPEN_INSPECTION_STATUSES, type InspectionStatus } from './status-machine';
import type { InspectionPeriod, InspectionResult, InspectionType } from './types';

/**
 * What the resident sees of an inspection on the application's page: never the inspector's notes
 * (staff only) nor who the inspector is.
 */
export interface InspectionView {
  id: string;
  type: InspectionType;
  status: InspectionStatus;
  preferredOn: PlainDate;
  period: InspectionPeriod;
  /** The confirmed window, 'HH:MM' Ottawa time, once scheduled. */
  windowStart: string | null;
  windowEnd: string | null;
  result: InspectionResult | null;
  /** What to fix after a failed or partial inspection. */
  toFix: string | null;
  requestedAt: Date;
}

export interface ResidentInspectionView extends InspectionView {
  /** Requested or scheduled. */
  open: boolean;
  /** 15:00 the business day before the preferred day (Ottawa). */
  cancelDeadline: Date;
  /** Open and before its deadline: the page offers "Annuler l’inspection". */
  cancellable: boolean;
}

type Stored = Omit<InspectionView, 'requestedAt'> & { requestedAt: string };

/**
 * An application's inspections, newest first, as one jsonb value: the application's page reads
 * them in loadApplication's one statement (no extra round trip).
 */
export const INSPECTIONS_JSON = sql<Stored[]>`(select coalesce(jsonb_agg(jsonb_build_object(
  'id', i.id, 'type', i.type, 'status', i.status, 'preferredOn', i.preferred_on, 'period', i.period,
  'windowStart', i.window_start, 'windowEnd', i.window_end, 'result', i.result, 'toFix', i.to_fix,
  'requestedAt', i.requested_at
) order by i.requested_at desc, i.id desc), '[]'::jsonb) from inspections i where i.application_id = "applications"."id")`;

/** INSPECTIONS_JSON's value with its times as Dates. */
export function inspectionsFromJson(rows: Stored[]): InspectionView[] {
  return rows.map((r) => ({ ...r, requestedAt: new Date(r.requestedAt) }));
}

/** The resident's view at `now`: whether each may still be cancelled, and until when. */
export function residentInspections(
  list: readonly InspectionView[],
  now: Date,
): ResidentInspectionView[] {
  return list.map((inspection) => {
    const open = (OPEN_INSPECTION_STATUSES as readonly string[]).includes(inspection.status);
    return {
      ...inspection,
      open,
      cancelDeadline: cancellationDeadline(inspection.preferredOn),
      cancellable: open && canCancel(now, inspection.preferredOn),
    };
  });
}

/**
 * One application's inspections for its owner, newest first, in one statement: [] for another
 * resident's reference or none (the pages answer those with the 404 before).
 */
export async function listInspections(
  db: Db,
  input: { userId: string; reference: string; now: Date },
): Promise<ResidentInspectionView[]> {
  const [row] = await db
    .select({ inspections: INSPECTIONS_JSON })
    .from(applications)
    .where(and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)));
  return row ? residentInspections(inspectionsFromJson(row.inspections), input.now) : [];
}
