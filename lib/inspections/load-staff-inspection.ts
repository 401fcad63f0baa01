import { asc, eq, sql } from 'drizzle-orm';
import type { ApplicationStatus } from '@/lib/applications/status-machine';
import { applicationEvents, applications, inspections, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isInspectionId } from './inspector-actions';
import type { InspectionEventType, InspectionStatus } from './status-machine';
import type { InspectionPeriod, InspectionResult, InspectionType } from './types';

export interface StaffInspectionRow {
  id: string;
  type: InspectionType;
  status: InspectionStatus;
  preferredOn: string;
  period: InspectionPeriod;
  contactName: string;
  contactPhone: string;
  area: string | null;
  requestedAt: Date;
  windowStart: string | null;
  windowEnd: string | null;
  scheduledAt: Date | null;
  cancelledAt: Date | null;
  result: InspectionResult | null;
  toFix: string | null;
  notes: string | null;
  resultRecordedAt: Date | null;
  inspectorName: string | null;
}

export interface StaffInspectionView {
  inspection: StaffInspectionRow;
  application: {
    id: string;
    reference: string;
    status: ApplicationStatus;
    siteAddress: string | null;
  };
  /** This inspection's events in the application's timeline, oldest first, with who acted. */
  history: {
    seq: number;
    type: InspectionEventType;
    actorRole: string;
    staffName: string | null;
    occurredAt: Date;
  }[];
}

const columns = {
  id: inspections.id,
  type: inspections.type,
  status: inspections.status,
  preferredOn: inspections.preferredOn,
  period: inspections.period,
  contactName: inspections.contactName,
  contactPhone: inspections.contactPhone,
  area: inspections.postalPrefix,
  requestedAt: inspections.requestedAt,
  windowStart: inspections.windowStart,
  windowEnd: inspections.windowEnd,
  scheduledAt: inspections.scheduledAt,
  cancelledAt: inspections.cancelledAt,
  result: inspections.result,
  toFix: inspections.toFix,
  notes: inspections.notes,
  resultRecordedAt: inspections.resultRecordedAt,
  inspectorName: staffMembers.name,
};

const typed = (row: { type: string; status: string; period: string; result: string | null }) => ({
  type: row.type as InspectionType,
  status: row.status as InspectionStatus,
  period: row.period as InspectionPeriod,
  result: row.result as InspectionResult | null,
});

/**
 * One inspection as an inspector sees it (issue 20), with its application and its history (the
 * application's events that name it). null for an unknown id or one that is not a uuid: the
 * page answers "not found".
 */
export async function loadStaffInspection(
  db: Db,
  inspectionId: string,
): Promise<StaffInspectionView | null> {
  if (!isInspectionId(inspectionId)) return null;
  const [row] = await db
    .select({
      ...columns,
      applicationId: applications.id,
      reference: applications.reference,
      applicationStatus: applications.status,
      siteAddress: applications.siteAddress,
    })
    .from(inspections)
    .innerJoin(applications, eq(applications.id, inspections.applicationId))
    .leftJoin(staffMembers, eq(staffMembers.id, inspections.inspectorId))
    .where(eq(inspections.id, inspectionId));
  if (!row) return null;
  const history = await db
    .select({
      seq: applicationEvents.seq,
      type: applicationEvents.type,
      actorRole: applicationEvents.actorRole,
      staffName: staffMembers.name,
      occurredAt: applicationEvents.occurredAt,
    })
    .from(applicationEvents)
    .leftJoin(staffMembers, eq(staffMembers.id, applicationEvents.actorId))
    .where(
      sql`${applicationEvents.applicationId} = ${row.applicationId} and ${applicationEvents.detail} ->> 'inspectionId' = ${inspectionId}`,
    )
    .orderBy(asc(applicationEvents.seq));
  const { applicationId, reference, applicationStatus, siteAddress, ...inspection } = row;
  return {
    inspection: { ...inspection, ...typed(inspection) },
    application: {
      id: applicationId,
      reference,
      status: applicationStatus as ApplicationStatus,
      siteAddress,
    },
    history: history.map((e) => ({ ...e, type: e.type as InspectionEventType })),
  };
}

/** An application's inspections for the staff application page, in the order they were asked. */
export async function listApplicationInspections(
  db: Db,
  applicationId: string,
): Promise<StaffInspectionRow[]> {
  const rows = await db
    .select(columns)
    .from(inspections)
    .leftJoin(staffMembers, eq(staffMembers.id, inspections.inspectorId))
    .where(eq(inspections.applicationId, applicationId))
    .orderBy(asc(inspections.requestedAt), asc(inspections.id));
  return rows.map((row) => ({ ...row, ...typed(row) }));
}
