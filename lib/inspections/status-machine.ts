import { and, eq } from 'drizzle-orm';
import type { ActorRole } from '@/lib/applications/status-machine';
import { applicationEvents, inspections } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/**
 * An inspection's life cycle (HOUSE-STYLE, "Status machines"): the resident requests it, an
 * inspector confirms a time window, the inspector records the result; the resident may cancel
 * until 15:00 the business day before (the caller checks that time: lib/inspections/booking-rules).
 * Statuses: `Inspections.statuses.<status>`.
 */
export const INSPECTION_STATUSES = ['requested', 'scheduled', 'done', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/** Open inspections: at most one per application and type (inspections_open_type_idx). */
export const OPEN_INSPECTION_STATUSES = [
  'requested',
  'scheduled',
] as const satisfies readonly InspectionStatus[];

/**
 * The events, written in the application's timeline too (`Applications.events.<event>`), with
 * the inspection's id and type in their detail.
 */
export type InspectionEventType =
  'inspection_requested' | 'inspection_cancelled' | 'inspection_scheduled' | 'inspection_recorded';

export interface InspectionTransition {
  from: InspectionStatus | null;
  event: InspectionEventType;
  to: InspectionStatus;
  who: readonly ActorRole[];
}

const INSPECTORS = ['inspector', 'admin'] as const;

/** Every move an inspection can make; `from: null` is its creation. */
export const INSPECTION_TRANSITIONS: readonly InspectionTransition[] = [
  { from: null, event: 'inspection_requested', to: 'requested', who: ['resident'] },
  { from: 'requested', event: 'inspection_cancelled', to: 'cancelled', who: ['resident'] },
  { from: 'scheduled', event: 'inspection_cancelled', to: 'cancelled', who: ['resident'] },
  { from: 'requested', event: 'inspection_scheduled', to: 'scheduled', who: INSPECTORS },
  // A new window on a scheduled inspection (the inspector's day changed).
  { from: 'scheduled', event: 'inspection_scheduled', to: 'scheduled', who: INSPECTORS },
  { from: 'scheduled', event: 'inspection_recorded', to: 'done', who: INSPECTORS },
];

export function allowedInspectionTransition(
  from: InspectionStatus | null,
  event: InspectionEventType,
  role: ActorRole,
): InspectionTransition | null {
  return (
    INSPECTION_TRANSITIONS.find(
      (t) => t.from === from && t.event === event && t.who.includes(role),
    ) ?? null
  );
}

/** What a page offers for an inspection in `from` to `role`, from the same table. */
export function availableInspectionEvents(
  from: InspectionStatus,
  role: ActorRole,
): InspectionEventType[] {
  return INSPECTION_TRANSITIONS.filter((t) => t.from === from && t.who.includes(role)).map(
    (t) => t.event,
  );
}

/**
 * Moves one existing inspection: the only code that writes `inspections.status` after its
 * creation. Call it in the transaction that read the application (status 'issued') and the
 * inspection FOR UPDATE; the row changes only if still in `from`, and the application's event is
 * written in the same transaction. 'not_allowed' changes nothing.
 */
export async function transitionInspection(
  tx: Db,
  input: {
    inspection: { id: string; applicationId: string; type: string; status: InspectionStatus };
    /** The application's status, unchanged by the move (written as from and to of its event). */
    applicationStatus: string;
    event: Exclude<InspectionEventType, 'inspection_requested'>;
    actor: { role: ActorRole; id: string | null };
    now: Date;
    /** Other columns the same move sets (the window, the result…). */
    set?: Partial<typeof inspections.$inferInsert>;
    /** What the event says beyond the inspection's id and type: no personal data. */
    detail?: Record<string, unknown>;
  },
): Promise<{ status: 'ok'; to: InspectionStatus } | { status: 'not_allowed' }> {
  const { inspection, event, actor, now } = input;
  const move = allowedInspectionTransition(inspection.status, event, actor.role);
  if (!move || move.from === null) return { status: 'not_allowed' };
  const updated = await tx
    .update(inspections)
    .set({ ...input.set, status: move.to })
    .where(and(eq(inspections.id, inspection.id), eq(inspections.status, move.from)))
    .returning({ id: inspections.id });
  if (updated.length === 0) return { status: 'not_allowed' };
  await writeInspectionEvent(tx, {
    applicationId: inspection.applicationId,
    applicationStatus: input.applicationStatus,
    event,
    actor,
    now,
    detail: { ...input.detail, inspectionId: inspection.id, inspectionType: inspection.type },
  });
  return { status: 'ok', to: move.to };
}

/**
 * Creates a requested inspection and its event in the caller's transaction (the creation row of
 * the table). The unique index refuses a second open inspection of the same type: the caller
 * checks first, so that the resident gets the message beside the field, and treats a unique
 * violation as the same refusal.
 */
export async function createInspection(
  tx: Db,
  input: {
    values: Omit<typeof inspections.$inferInsert, 'id' | 'status'>;
    applicationStatus: string;
    actor: { role: ActorRole; id: string | null };
    now: Date;
  },
): Promise<{ status: 'ok'; id: string } | { status: 'not_allowed' }> {
  const move = allowedInspectionTransition(null, 'inspection_requested', input.actor.role);
  if (!move) return { status: 'not_allowed' };
  const [row] = await tx
    .insert(inspections)
    .values({ ...input.values, status: move.to })
    .returning({ id: inspections.id });
  await writeInspectionEvent(tx, {
    applicationId: input.values.applicationId,
    applicationStatus: input.applicationStatus,
    event: 'inspection_requested',
    actor: input.actor,
    now: input.now,
    detail: { inspectionId: row!.id, inspectionType: input.values.type },
  });
  return { status: 'ok', id: row!.id };
}

async function writeInspectionEvent(
  tx: Db,
  e: {
    applicationId: string;
    applicationStatus: string;
    event: InspectionEventType;
    actor: { role: ActorRole; id: string | null };
    now: Date;
    detail: Record<string, unknown>;
  },
) {
  await tx.insert(applicationEvents).values({
    applicationId: e.applicationId,
    type: e.event,
    fromStatus: e.applicationStatus,
    toStatus: e.applicationStatus,
    actorRole: e.actor.role,
    actorId: e.actor.id,
    occurredAt: e.now,
    detail: e.detail,
  });
}
