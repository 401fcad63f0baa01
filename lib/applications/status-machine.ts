import { and, eq } from 'drizzle-orm';
import { applicationEvents, applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { InspectionEventType } from '@/lib/inspections/status-machine';

/** The statuses of APPLICATIONS.md; their words are `Applications.statuses.<status>`. */
export const STATUSES = [
  'draft',
  'payment_required',
  'submitted',
  'completeness_review',
  'information_required',
  'under_review',
  'ready_for_issuance',
  'issued',
  'refused',
  'withdrawn',
  'closed',
] as const;
export type ApplicationStatus = (typeof STATUSES)[number];

/** Who acts: the resident who owns it, a staff role, or the portal itself (jobs, webhooks). */
export type ActorRole = 'resident' | 'intake' | 'examiner' | 'inspector' | 'admin' | 'system';

/**
 * What the caller knows when it asks for a move, read in the same transaction. Guards are
 * predicates over these facts, named in the table so that a page can show what the table allows.
 */
export interface TransitionFacts {
  /** The fee due at submission, in cents (0 when nothing is due). */
  feeDueCents?: number;
  /** Charges added by staff and not paid yet, in cents. */
  outstandingCents?: number;
  /** The status the application was in when the City asked for information. */
  requestedFrom?: ApplicationStatus;
  withdrawalRequested?: boolean;
  /** The final inspection passed, or the type has none. */
  inspectionsDone?: boolean;
}

const GUARDS = {
  feeDue: (f: TransitionFacts) => (f.feeDueCents ?? 0) > 0,
  noFeeDue: (f: TransitionFacts) => (f.feeDueCents ?? 0) === 0,
  requestedDuringCompleteness: (f: TransitionFacts) => f.requestedFrom === 'completeness_review',
  requestedDuringReview: (f: TransitionFacts) => f.requestedFrom === 'under_review',
  withdrawalNotRequested: (f: TransitionFacts) => !f.withdrawalRequested,
  withdrawalRequested: (f: TransitionFacts) => Boolean(f.withdrawalRequested),
  nothingOutstanding: (f: TransitionFacts) => (f.outstandingCents ?? 0) === 0,
  inspectionsDone: (f: TransitionFacts) => Boolean(f.inspectionsDone),
} as const;
export type GuardName = keyof typeof GUARDS;

/** The events of an application's life; their words are `Applications.events.<event>`. */
export type ApplicationEventType =
  | 'submit'
  | 'payment_settled'
  | 'start_completeness_check'
  | 'accept_complete'
  | 'request_information'
  | 'respond'
  | 'assign'
  | 'add_charge'
  | 'charge_paid'
  | 'approve'
  | 'refuse'
  | 'issue'
  | 'close'
  | 'request_withdrawal'
  | 'confirm_withdrawal'
  // Written by the inspection life cycle (lib/inspections/status-machine.ts), status unchanged.
  | InspectionEventType;

export interface Transition {
  from: ApplicationStatus;
  event: ApplicationEventType;
  to: ApplicationStatus;
  who: readonly ActorRole[];
  guard?: GuardName;
}

const STAFF_REVIEW = ['intake', 'examiner', 'admin'] as const;
/** Where a resident may still ask to withdraw: after submission, before a decision. */
const WITHDRAWABLE = [
  'payment_required',
  'submitted',
  'completeness_review',
  'information_required',
  'under_review',
  'ready_for_issuance',
] as const satisfies readonly ApplicationStatus[];

/**
 * Every move an application can make, and the only way its status changes (HOUSE-STYLE, "Status
 * machines"). A row whose `to` is its `from` records an event without a change of status.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', event: 'submit', to: 'payment_required', who: ['resident'], guard: 'feeDue' },
  { from: 'draft', event: 'submit', to: 'submitted', who: ['resident'], guard: 'noFeeDue' },
  { from: 'payment_required', event: 'payment_settled', to: 'submitted', who: ['system'] },
  {
    from: 'submitted',
    event: 'start_completeness_check',
    to: 'completeness_review',
    who: STAFF_REVIEW,
  },
  { from: 'completeness_review', event: 'accept_complete', to: 'under_review', who: STAFF_REVIEW },
  {
    from: 'completeness_review',
    event: 'request_information',
    to: 'information_required',
    who: STAFF_REVIEW,
  },
  {
    from: 'under_review',
    event: 'request_information',
    to: 'information_required',
    who: STAFF_REVIEW,
  },
  {
    from: 'information_required',
    event: 'respond',
    to: 'completeness_review',
    who: ['resident'],
    guard: 'requestedDuringCompleteness',
  },
  {
    from: 'information_required',
    event: 'respond',
    to: 'under_review',
    who: ['resident'],
    guard: 'requestedDuringReview',
  },
  ...(['submitted', 'completeness_review', 'under_review', 'ready_for_issuance'] as const).map(
    (status): Transition => ({
      from: status,
      event: 'assign',
      to: status,
      who: ['intake', 'examiner', 'admin'],
    }),
  ),
  ...(['under_review', 'ready_for_issuance'] as const).map((status): Transition => ({
    from: status,
    event: 'add_charge',
    to: status,
    who: ['examiner', 'admin'],
  })),
  ...(['under_review', 'ready_for_issuance'] as const).map((status): Transition => ({
    from: status,
    event: 'charge_paid',
    to: status,
    who: ['system'],
  })),
  { from: 'under_review', event: 'approve', to: 'ready_for_issuance', who: ['examiner', 'admin'] },
  { from: 'under_review', event: 'refuse', to: 'refused', who: ['examiner', 'admin'] },
  {
    from: 'ready_for_issuance',
    event: 'issue',
    to: 'issued',
    who: ['examiner', 'admin'],
    guard: 'nothingOutstanding',
  },
  {
    from: 'issued',
    event: 'close',
    to: 'closed',
    who: ['inspector', 'examiner', 'admin'],
    guard: 'inspectionsDone',
  },
  ...WITHDRAWABLE.map((status): Transition => ({
    from: status,
    event: 'request_withdrawal',
    to: status,
    who: ['resident'],
    guard: 'withdrawalNotRequested',
  })),
  ...WITHDRAWABLE.map((status): Transition => ({
    from: status,
    event: 'confirm_withdrawal',
    to: 'withdrawn',
    who: ['intake', 'examiner', 'admin'],
    guard: 'withdrawalRequested',
  })),
];

/** The move the table allows for this event, status, actor and facts, or null. */
export function allowedTransition(
  from: ApplicationStatus,
  event: ApplicationEventType,
  role: ActorRole,
  facts: TransitionFacts = {},
): Transition | null {
  return (
    TRANSITIONS.find(
      (t) =>
        t.from === from &&
        t.event === event &&
        t.who.includes(role) &&
        (!t.guard || GUARDS[t.guard](facts)),
    ) ?? null
  );
}

/** The events a role may trigger now: what a page offers (its buttons), from the same table. */
export function availableEvents(
  from: ApplicationStatus,
  role: ActorRole,
  facts: TransitionFacts = {},
): ApplicationEventType[] {
  const events = TRANSITIONS.filter(
    (t) => t.from === from && t.who.includes(role) && (!t.guard || GUARDS[t.guard](facts)),
  ).map((t) => t.event);
  return [...new Set(events)];
}

export interface Actor {
  role: ActorRole;
  /** The resident's or staff member's account; null for the portal itself. */
  id: string | null;
}

/**
 * Applies one event to one application: the only code that writes `applications.status`. Call it
 * inside the transaction that read the application FOR UPDATE (and its facts); the status is
 * written only if it is still `from`, and the event row is written in the same transaction.
 * 'not_allowed' changes nothing.
 */
export async function transitionApplication(
  tx: Db,
  input: {
    application: { id: string; status: ApplicationStatus };
    event: ApplicationEventType;
    actor: Actor;
    facts?: TransitionFacts;
    now: Date;
    /** What the event says beyond its type (a reason, an amount, a version): no personal data. */
    detail?: Record<string, unknown>;
    /** Other columns the same move sets (the submission time, the withdrawal request…). */
    set?: Partial<typeof applications.$inferInsert>;
  },
): Promise<{ status: 'ok'; to: ApplicationStatus } | { status: 'not_allowed' }> {
  const { application, event, actor, now } = input;
  const move = allowedTransition(application.status, event, actor.role, input.facts);
  if (!move) return { status: 'not_allowed' };
  const updated = await tx
    .update(applications)
    .set({
      ...input.set,
      status: move.to,
      statusChangedAt: move.to === move.from ? undefined : now,
    })
    .where(and(eq(applications.id, application.id), eq(applications.status, move.from)))
    .returning({ id: applications.id });
  if (updated.length === 0) return { status: 'not_allowed' };
  await tx.insert(applicationEvents).values({
    applicationId: application.id,
    type: event,
    fromStatus: move.from,
    toStatus: move.to,
    actorRole: actor.role,
    actorId: actor.id,
    occurredAt: now,
    detail: input.detail ?? null,
  });
  return { status: 'ok', to: move.to };
}
