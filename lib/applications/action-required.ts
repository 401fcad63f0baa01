import { and, count, eq, sql } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { InspectionStatus } from '@/lib/inspections/status-machine';
import type { InspectionResult } from '@/lib/inspections/types';
import type { ApplicationStatus } from './status-machine';

/**
 * What the resident must do on an application ("Action requise", APPLICATIONS.md): answer the
 * City's request, pay (the fee at submission or a charge staff added), or book an inspection
 * again after a failed or partial one. Decided here and only here: as SQL (a select column and a
 * WHERE predicate, so lists and counts never load an application's rows) and as a pure function
 * over the same facts (for unit tests). Its words are `ActionRequired.<kind>`.
 */
export const ACTION_KINDS = ['answer_request', 'pay', 'book_inspection'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The statuses in which a staff charge may be paid (lib/payments/start-payment.ts PAYABLE). */
const CHARGE_STATUSES = ['under_review', 'ready_for_issuance'] as const;

/** The facts the decision reads: the application's status, its invoices and inspections. */
export interface ActionFacts {
  status: ApplicationStatus;
  invoices: readonly { kind: 'submission' | 'charge'; status: 'open' | 'paid' | 'void' }[];
  inspections: readonly {
    id: string;
    type: string;
    status: InspectionStatus;
    result: InspectionResult | null;
    resultRecordedAt: Date | null;
  }[];
}

/** The pure form of ACTION_REQUIRED_KIND, over the same facts, in the same order. */
export function actionRequired(facts: ActionFacts): ActionKind | null {
  const { status } = facts;
  if (status === 'information_required') return 'answer_request';
  if (status === 'payment_required') return 'pay';
  if (
    (CHARGE_STATUSES as readonly string[]).includes(status) &&
    facts.invoices.some((i) => i.kind === 'charge' && i.status === 'open')
  )
    return 'pay';
  if (status === 'issued' && facts.inspections.some((i) => needsRebooking(i, facts.inspections)))
    return 'book_inspection';
  return null;
}

/**
 * A done inspection that failed or was partial, with no inspection of its type open and none
 * done after it (recorded later; the id breaks a tie, as the SQL's row comparison does).
 */
function needsRebooking(
  i: ActionFacts['inspections'][number],
  all: ActionFacts['inspections'],
): boolean {
  if (i.status !== 'done' || (i.result !== 'failed' && i.result !== 'partial')) return false;
  const at = i.resultRecordedAt?.getTime() ?? 0;
  return !all.some(
    (j) =>
      j.type === i.type &&
      (j.status === 'requested' ||
        j.status === 'scheduled' ||
        (j.status === 'done' &&
          ((j.resultRecordedAt?.getTime() ?? 0) > at ||
            ((j.resultRecordedAt?.getTime() ?? 0) === at && j.id > i.id)))),
  );
}

/**
 * The kind as a column of any select over `applications` (null when nothing is required). It
 * names the outer row in full: drizzle writes a lone table's columns unqualified, and a bare
 * "id" inside the subqueries would be their own. The CASE reads the status first; the
 * subqueries run only for the statuses that need them, each by its application index
 * (invoices_application_idx, inspections_application_idx), a few rows per application. They
 * are scalar `(select true … limit 1)` rather than EXISTS: PostgreSQL 17 may turn an EXISTS
 * into a hashed subplan over every open charge of every application (a full scan of invoices on
 * each "Mes demandes"), which a correlated scalar subquery never becomes.
 */
export const ACTION_REQUIRED_KIND = sql<ActionKind | null>`(case
  when "applications"."status" = 'information_required' then 'answer_request'
  when "applications"."status" = 'payment_required' then 'pay'
  when "applications"."status" in ('under_review', 'ready_for_issuance') and (
    select true from invoices ai where ai.application_id = "applications"."id"
      and ai.kind = 'charge' and ai.status = 'open' limit 1) then 'pay'
  when "applications"."status" = 'issued' and (
    select true from inspections ii where ii.application_id = "applications"."id"
      and ii.status = 'done' and ii.result in ('failed', 'partial')
      and not exists (
        select 1 from inspections ij where ij.application_id = ii.application_id
          and ij.type = ii.type
          and (ij.status in ('requested', 'scheduled')
            or (ij.status = 'done' and (ij.result_recorded_at, ij.id) > (ii.result_recorded_at, ii.id))))
      limit 1) then 'book_inspection'
end)`;

/** "Action is required" as a WHERE predicate over `applications`. */
export const ACTION_REQUIRED = sql`${ACTION_REQUIRED_KIND} is not null`;

/**
 * How many of a resident's applications need their action, in one statement (the dashboard's
 * widget): applications_user_idx gives the resident's rows, the predicate decides each.
 */
export async function countActionRequired(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.userId, userId), ACTION_REQUIRED));
  return row?.n ?? 0;
}
