import { and, eq, isNull, ne } from 'drizzle-orm';
import { refreshDecisionDue } from '@/lib/applications/decision-due';
import {
  addBusinessDays,
  HOLIDAY_YEARS,
  isPlainDate,
  ottawaDate,
  type PlainDate,
} from '@/lib/calendar/business-days';
import {
  applications,
  informationRequests,
  invoices,
  payments,
  refunds,
  staffMembers,
  staffNotes,
} from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { recordStaffAudit } from '../audit';
import type { StaffRole } from '../roles';
import { runStaffAction, type StaffActionResult, type StaffActor } from './run-staff-action';
import type { ItemKind } from './schemas';

type ActionDeps = Pick<Deps, 'db' | 'now' | 'appUrl'>;
type Common = { reference: string; ip?: string };

/** Requests for information are due this many business days ahead unless staff choose a day. */
export const INFORMATION_DUE_BUSINESS_DAYS = 15;
/** The roles an application may be assigned to (the table's "assign" actors). */
export const ASSIGNABLE_ROLES: readonly StaffRole[] = ['intake', 'examiner', 'admin'];

/** The default due day of a request for information made at `now`. */
export function defaultInformationDueOn(now: Date): PlainDate {
  return addBusinessDays(ottawaDate(now), INFORMATION_DUE_BUSINESS_DAYS);
}

/** An optional comment in the event's detail; an empty one is not recorded. */
const commented = (comment?: string) => (comment ? { comment } : undefined);

/** "Commencer la vérification": submitted → completeness check. */
export function startCompletenessCheck(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { comment?: string },
): Promise<StaffActionResult> {
  return runStaffAction(deps, staff, {
    ...input,
    event: 'start_completeness_check',
    audit: 'application_check_started',
    detail: commented(input.comment),
  });
}

/**
 * "Accepter comme complète": the City's clock starts (accepted_on, today in Ottawa) and the
 * resident is told the expected decision date.
 */
export function acceptComplete(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { comment?: string },
): Promise<StaffActionResult> {
  const acceptedOn = ottawaDate(deps.now());
  return runStaffAction(deps, staff, {
    ...input,
    event: 'accept_complete',
    audit: 'application_accepted',
    detail: commented(input.comment),
    set: { acceptedOn },
    async after(tx, application, now) {
      const clock = await refreshDecisionDue(tx, application.id, now);
      if (!clock) throw new Error('An accepted application without its clock');
      await enqueueEmail(
        tx,
        {
          to: application.owner.email,
          template: 'application-accepted',
          locale: application.owner.locale,
          props: {
            reference: application.reference,
            typeKey: application.type,
            decisionDueOn: clock.dueOn,
            applicationUrl: application.applicationUrl,
          },
        },
        { now: () => now },
      );
    },
  });
}

/**
 * "Demander des renseignements": a request row (its items, message, due day, the status it was
 * made from), the application to "Renseignements requis" (the clock stops), the resident's email.
 * The due day is 15 business days ahead unless given; a given one must be a real day after today
 * (Ottawa) and within the calendar's years.
 */
export async function requestInformation(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & {
    items: { kind: ItemKind; message: string }[];
    message: string;
    dueOn?: string | null;
  },
): Promise<StaffActionResult> {
  const today = ottawaDate(deps.now());
  const dueOn = input.dueOn || defaultInformationDueOn(deps.now());
  if (!isPlainDate(dueOn) || dueOn <= today || Number(dueOn.slice(0, 4)) > HOLIDAY_YEARS.last) {
    return {
      status: 'invalid',
      fieldErrors: {
        dueOn: isPlainDate(dueOn)
          ? 'StaffApplicationPage.errors.dueOnPast'
          : 'StaffApplicationPage.errors.dueOnInvalid',
      },
    };
  }
  if (input.items.length === 0) {
    return {
      status: 'invalid',
      fieldErrors: { itemKind1: 'StaffApplicationPage.errors.itemsRequired' },
    };
  }
  return runStaffAction(deps, staff, {
    ...input,
    event: 'request_information',
    audit: 'information_requested',
    detail: { items: input.items.length, dueOn },
    auditDetail: { items: input.items.length, dueOn },
    async after(tx, application, now) {
      await tx.insert(informationRequests).values({
        applicationId: application.id,
        requestedBy: staff.id,
        requestedAt: now,
        requestedOn: ottawaDate(now),
        fromStatus: application.status,
        items: input.items,
        message: input.message,
        dueOn,
      });
      await refreshDecisionDue(tx, application.id, now);
      await enqueueEmail(
        tx,
        {
          to: application.owner.email,
          template: 'information-required',
          locale: application.owner.locale,
          props: {
            reference: application.reference,
            items: input.items,
            message: input.message,
            dueOn,
            applicationUrl: application.applicationUrl,
          },
        },
        { now: () => now },
      );
    },
  });
}

/**
 * "Attribuer": to an active staff member of a role that may work the application. Recorded as an
 * event (no change of status); the resident is not written to.
 */
export async function assignApplication(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { assignee: string },
): Promise<StaffActionResult> {
  const [assignee] = await deps.db
    .select({ id: staffMembers.id, role: staffMembers.role })
    .from(staffMembers)
    .where(and(eq(staffMembers.id, input.assignee), isNull(staffMembers.disabledAt)));
  if (!assignee || !ASSIGNABLE_ROLES.includes(assignee.role)) {
    return {
      status: 'invalid',
      fieldErrors: { assignee: 'StaffApplicationPage.errors.assigneeRequired' },
    };
  }
  return runStaffAction(deps, staff, {
    ...input,
    event: 'assign',
    audit: 'application_assigned',
    subjectId: assignee.id,
    detail: { assignee: assignee.id },
    set: { assignedTo: assignee.id },
  });
}

/** "Approuver": ready for issuance, with the conditions printed on the permit. */
export function approveApplication(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { conditions?: string },
): Promise<StaffActionResult> {
  return runStaffAction(deps, staff, {
    ...input,
    event: 'approve',
    audit: 'application_approved',
    set: { permitConditions: input.conditions || null },
    async after(tx, application, now) {
      await enqueueEmail(
        tx,
        {
          to: application.owner.email,
          template: 'application-approved',
          locale: application.owner.locale,
          props: {
            reference: application.reference,
            typeKey: application.type,
            conditions: input.conditions || null,
            applicationUrl: application.applicationUrl,
          },
        },
        { now: () => now },
      );
    },
  });
}

/** "Refuser": the reasons are required, recorded with the event and sent to the resident. */
export function refuseApplication(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { reasons: string },
): Promise<StaffActionResult> {
  if (!input.reasons.trim()) {
    return Promise.resolve({
      status: 'invalid',
      fieldErrors: { reasons: 'StaffApplicationPage.errors.reasonsRequired' },
    });
  }
  return runStaffAction(deps, staff, {
    ...input,
    event: 'refuse',
    audit: 'application_refused',
    detail: { reasons: input.reasons },
    async after(tx, application, now) {
      await enqueueEmail(
        tx,
        {
          to: application.owner.email,
          template: 'application-refused',
          locale: application.owner.locale,
          props: {
            reference: application.reference,
            typeKey: application.type,
            reasons: input.reasons,
            applicationUrl: application.applicationUrl,
          },
        },
        { now: () => now },
      );
    },
  });
}

/**
 * "Confirmer le retrait": the resident asked (the table's guard); the application is withdrawn.
 * Nothing is refunded here: the refund is decided at the request (lib/applications/
 * request-withdrawal.ts: while "Soumise", the fee is refunded then). The email says whether a
 * refund was made.
 */
export function confirmWithdrawal(
  deps: ActionDeps,
  staff: StaffActor,
  input: Common & { comment?: string },
): Promise<StaffActionResult> {
  return runStaffAction(deps, staff, {
    ...input,
    event: 'confirm_withdrawal',
    audit: 'withdrawal_confirmed',
    detail: commented(input.comment),
    async after(tx, application, now) {
      const [refund] = await tx
        .select({ amountCents: refunds.amountCents })
        .from(refunds)
        .innerJoin(payments, eq(payments.id, refunds.paymentId))
        .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
        .where(eq(invoices.applicationId, application.id));
      await enqueueEmail(
        tx,
        {
          to: application.owner.email,
          template: 'withdrawal-confirmed',
          locale: application.owner.locale,
          props: {
            reference: application.reference,
            typeKey: application.type,
            refundCents: refund?.amountCents ?? null,
            applicationUrl: application.applicationUrl,
          },
        },
        { now: () => now },
      );
    },
  });
}

/** A staff note: for staff only, append-only, audited. Any staff role, any status past draft. */
export async function addStaffNote(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: StaffActor,
  input: Common & { body: string },
): Promise<'ok' | 'not_found' | 'invalid'> {
  const body = input.body.trim();
  if (!body) return 'invalid';
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.reference, input.reference), ne(applications.status, 'draft')));
    if (!application) return 'not_found';
    await tx
      .insert(staffNotes)
      .values({ applicationId: application.id, staffId: staff.id, body, createdAt: now });
    await recordStaffAudit(tx, {
      action: 'note_added',
      now,
      actorId: staff.id,
      applicationId: application.id,
      ip: input.ip,
      detail: { reference: input.reference },
    });
    return 'ok';
  });
}
