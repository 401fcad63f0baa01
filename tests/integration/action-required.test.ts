import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionRequired,
  countActionRequired,
  type ActionFacts,
  type ActionKind,
} from '@/lib/applications/action-required';
import { listApplications } from '@/lib/applications/list-applications';
import { loadApplication } from '@/lib/applications/load-application';
import { transitionApplication, type ApplicationStatus } from '@/lib/applications/status-machine';
import { submitApplication } from '@/lib/applications/submit-application';
import { widgetCounts } from '@/lib/dashboard/widget-counts';
import * as schema from '@/lib/db/schema';
import { applications, inspections, invoices, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createInspection, transitionInspection } from '@/lib/inspections/status-machine';
import type { InspectionResult, InspectionType } from '@/lib/inspections/types';
import { addCharge } from '@/lib/payments/invoices';
import { requestInformation } from '@/lib/staff/application-actions/actions';
import { testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { fakeClock } from '../helpers/db';
import { activeUser, registeredUser } from '../helpers/registration';

/**
 * "Action requise" (issue 20, item 3) on real applications in each state, made the way the
 * portal makes them (submit, the status machine, the staff request for information, a staff
 * charge, inspections through their life cycle): the list's kinds, the count, another
 * resident's never counted, the statements and their plans.
 */
let client: PGlite;
let db: Db;
let logged: { sql: string; params: unknown[] }[];
let deps: ReturnType<typeof testDeps>;
let intakeId: string;

beforeAll(async () => {
  const file = process.env.MONSO_TEST_DB_SNAPSHOT;
  if (!file) throw new Error('MONSO_TEST_DB_SNAPSHOT is not set: run the tests through vitest');
  client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  logged = [];
  db = drizzle(client, {
    schema,
    logger: { logQuery: (text, params) => logged.push({ sql: text, params }) },
  }) as unknown as Db;
  deps = testDeps(db, fakeClock(new Date('2026-12-03T15:00:00Z')));
  const [intake] = await db
    .insert(staffMembers)
    .values({ email: 'accueil@ottawa.ca', name: 'Agent d’accueil', role: 'intake' })
    .returning({ id: staffMembers.id });
  intakeId = intake!.id;
});
afterAll(() => client?.close());

const MINUTE = 60_000;
type Step = 'submitted' | 'completeness_review' | 'under_review' | 'issued';
const PATH: Record<Step, readonly { event: string; role: 'system' | 'intake' | 'examiner' }[]> = {
  submitted: [{ event: 'payment_settled', role: 'system' }],
  completeness_review: [
    { event: 'payment_settled', role: 'system' },
    { event: 'start_completeness_check', role: 'intake' },
  ],
  under_review: [
    { event: 'payment_settled', role: 'system' },
    { event: 'start_completeness_check', role: 'intake' },
    { event: 'accept_complete', role: 'intake' },
  ],
  issued: [
    { event: 'payment_settled', role: 'system' },
    { event: 'start_completeness_check', role: 'intake' },
    { event: 'accept_complete', role: 'intake' },
    { event: 'approve', role: 'examiner' },
    { event: 'issue', role: 'examiner' },
  ],
};

/** A resident's construction permit: a draft, submitted (payment_required) or moved further. */
async function permit(userId: string, to: 'draft' | 'payment_required' | Step) {
  deps.clock.advance(MINUTE);
  const reference = await fillPermit(deps, userId);
  if (to !== 'draft') {
    const submitted = await submitApplication(deps, {
      userId,
      reference,
      declaration: DECLARATION,
    });
    expect(submitted.status).toBe('ok');
  }
  for (const { event, role } of to === 'draft' || to === 'payment_required' ? [] : PATH[to]) {
    deps.clock.advance(MINUTE);
    await db.transaction(async (tx) => {
      const [app] = await tx
        .select({ id: applications.id, status: applications.status })
        .from(applications)
        .where(eq(applications.reference, reference));
      const moved = await transitionApplication(tx, {
        application: { id: app!.id, status: app!.status as ApplicationStatus },
        event: event as never,
        actor: { role, id: null },
        now: deps.now(),
      });
      expect(moved.status, event).toBe('ok');
    });
  }
  const [app] = await db
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(eq(applications.reference, reference));
  expect(app!.status).toBe(to);
  return { id: app!.id, reference };
}

/**
 * An inspection of `type` requested by the resident, then, step by step: 'requested' stays
 * open, 'scheduled' gets a window, a result is recorded by an inspector after its window.
 */
async function inspect(
  app: { id: string },
  userId: string,
  type: InspectionType,
  outcome: 'requested' | 'scheduled' | 'cancelled' | InspectionResult,
) {
  deps.clock.advance(MINUTE);
  await db.transaction(async (tx) => {
    const now = deps.now();
    const created = await createInspection(tx, {
      values: {
        applicationId: app.id,
        type,
        preferredOn: '2026-12-10',
        period: 'morning',
        contactName: 'Jean Tremblay',
        contactPhone: '613-555-0100',
        postalPrefix: 'K1P',
        requestedAt: now,
      },
      applicationStatus: 'issued',
      actor: { role: 'resident', id: userId },
      now,
    });
    if (created.status !== 'ok') throw new Error('not created');
    const inspection = { id: created.id, applicationId: app.id, type };
    if (outcome === 'requested') return;
    if (outcome === 'cancelled') {
      const cancelled = await transitionInspection(tx, {
        inspection: { ...inspection, status: 'requested' },
        applicationStatus: 'issued',
        event: 'inspection_cancelled',
        actor: { role: 'resident', id: userId },
        now,
        set: { cancelledAt: now },
      });
      expect(cancelled.status).toBe('ok');
      return;
    }
    const scheduled = await transitionInspection(tx, {
      inspection: { ...inspection, status: 'requested' },
      applicationStatus: 'issued',
      event: 'inspection_scheduled',
      actor: { role: 'inspector', id: null },
      now,
      set: { windowStart: '09:00', windowEnd: '11:00', scheduledAt: now },
    });
    expect(scheduled.status).toBe('ok');
    if (outcome === 'scheduled') return;
    const recorded = await transitionInspection(tx, {
      inspection: { ...inspection, status: 'scheduled' },
      applicationStatus: 'issued',
      event: 'inspection_recorded',
      actor: { role: 'inspector', id: null },
      now,
      set: {
        result: outcome,
        resultRecordedAt: now,
        toFix: outcome === 'passed' ? null : 'Armature manquante',
      },
    });
    expect(recorded.status).toBe('ok');
  });
}

/** The facts of the pure function, read back from the rows. */
async function factsOf(applicationId: string): Promise<ActionFacts> {
  const [app] = await db
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return {
    status: app!.status as ApplicationStatus,
    invoices: await db
      .select({ kind: invoices.kind, status: invoices.status })
      .from(invoices)
      .where(eq(invoices.applicationId, applicationId)),
    inspections: (
      await db
        .select({
          id: inspections.id,
          type: inspections.type,
          status: inspections.status,
          result: inspections.result,
          resultRecordedAt: inspections.resultRecordedAt,
        })
        .from(inspections)
        .where(eq(inspections.applicationId, applicationId))
    ).map((i) => ({
      ...i,
      status: i.status as ActionFacts['inspections'][number]['status'],
      result: i.result as InspectionResult | null,
    })),
  };
}

/** The plan of a logged statement with sequential scans off, as on a table of 100,000 rows. */
async function planOf(statement: { sql: string; params: unknown[] }): Promise<string> {
  return client.transaction(async (tx) => {
    await tx.query('set local enable_seqscan = off');
    const result = await tx.query<Record<string, string>>(
      `explain ${statement.sql}`,
      statement.params,
    );
    return result.rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

describe('Action requise: one decision for the list, the count and the page', () => {
  let resident: string;
  let other: string;
  const expected = new Map<string, ActionKind | null>();

  beforeAll(async () => {
    resident = await registeredUser(deps, 'action@example.ca');
    other = await registeredUser(deps, 'autre@example.ca');
    const expect = (app: { reference: string }, kind: ActionKind | null) =>
      expected.set(app.reference, kind);

    expect(await permit(resident, 'draft'), null);
    expect(await permit(resident, 'payment_required'), 'pay');
    expect(await permit(resident, 'submitted'), null);

    const asked = await permit(resident, 'completeness_review');
    deps.clock.advance(MINUTE);
    const request = await requestInformation(
      deps,
      { id: intakeId, role: 'intake' },
      {
        reference: asked.reference,
        items: [{ kind: 'missing_document', message: 'Le plan d’implantation.' }],
        message: 'Merci.',
      },
    );
    if (request.status !== 'ok') throw new Error(request.status);
    expect(asked, 'answer_request');

    expect(await permit(resident, 'under_review'), null);
    const charged = await permit(resident, 'under_review');
    const charge = await addCharge(deps, {
      reference: charged.reference,
      lines: [{ labelKey: 'charges.staff', amountCents: 150_000 }],
      actor: { role: 'examiner', id: null },
    });
    if (charge.status !== 'ok') throw new Error(charge.status);
    expect(charged, 'pay');

    expect(await permit(resident, 'issued'), null);

    const failed = await permit(resident, 'issued');
    await inspect(failed, resident, 'footings', 'failed');
    expect(failed, 'book_inspection');

    const fixed = await permit(resident, 'issued');
    await inspect(fixed, resident, 'footings', 'failed');
    await inspect(fixed, resident, 'footings', 'passed');
    expect(fixed, null);

    const rebooked = await permit(resident, 'issued');
    await inspect(rebooked, resident, 'footings', 'failed');
    await inspect(rebooked, resident, 'footings', 'requested');
    expect(rebooked, null);

    const partial = await permit(resident, 'issued');
    await inspect(partial, resident, 'footings', 'passed');
    await inspect(partial, resident, 'framing', 'partial');
    await inspect(partial, resident, 'plumbing', 'cancelled');
    expect(partial, 'book_inspection');

    // Another resident's: one to pay, one inspection to book. They never count for the first.
    await permit(other, 'payment_required');
    const theirs = await permit(other, 'issued');
    await inspect(theirs, other, 'final', 'failed');
  });

  it('APP-01: "Mes demandes" names each application’s action, the pure function agrees, another resident’s are not there', async () => {
    logged.length = 0;
    const list = await listApplications(db, resident);
    expect(logged).toHaveLength(1);
    expect(new Map(list.map((a) => [a.reference, a.action]))).toEqual(expected);
    for (const a of list) {
      const [row] = await db
        .select({ id: applications.id })
        .from(applications)
        .where(eq(applications.reference, a.reference));
      expect(actionRequired(await factsOf(row!.id)), a.reference).toBe(a.action);
    }
    const theirs = await listApplications(db, other);
    expect(theirs.map((a) => a.action).sort()).toEqual(['book_inspection', 'pay']);
    expect(theirs.some((a) => expected.has(a.reference))).toBe(false);
  });

  it('APP-01: the count is the list’s, in one statement, and another resident’s never count', async () => {
    const needing = [...expected.values()].filter(Boolean).length;
    expect(needing).toBe(5);
    logged.length = 0;
    expect(await countActionRequired(db, resident)).toBe(needing);
    expect(logged).toHaveLength(1);
    expect(await countActionRequired(db, other)).toBe(2);
    const stranger = await registeredUser(deps, 'personne@example.ca');
    expect(await countActionRequired(db, stranger)).toBe(0);
  });

  it('the dashboard’s widget: one count statement for a registered resident, none without a registration', async () => {
    const [me] = await db
      .select({ id: applications.userId })
      .from(applications)
      .where(eq(applications.userId, resident))
      .limit(1);
    logged.length = 0;
    expect(await widgetCounts(db, { id: me!.id, registration: {} })).toEqual({ action: 5 });
    expect(logged).toHaveLength(1);
    const unregistered = await activeUser(deps, 'sans-inscription@example.ca');
    logged.length = 0;
    expect(await widgetCounts(db, { id: unregistered, registration: null })).toEqual({
      action: 0,
    });
    expect(logged).toHaveLength(0);
  });

  it('APP-01: an application’s page reads its action within its one statement; another resident gets nothing', async () => {
    for (const [reference, kind] of expected) {
      logged.length = 0;
      const page = await loadApplication(db, resident, reference);
      expect(logged).toHaveLength(1);
      expect(page?.actionRequired, reference).toBe(kind);
      expect(await loadApplication(db, other, reference)).toBeNull();
    }
  });

  it('the list and the count stay index-driven: the resident’s index, then each application’s invoices and inspections by theirs', async () => {
    logged.length = 0;
    await listApplications(db, resident);
    await countActionRequired(db, resident);
    expect(logged).toHaveLength(2);
    for (const statement of logged.slice()) {
      const plan = await planOf(statement);
      expect(plan, plan).toContain('applications_user_idx');
      expect(plan, plan).toContain('invoices_application_idx');
      expect(plan, plan).toMatch(/inspections_(application|open_type)_idx/);
      expect(plan, plan).not.toContain('Seq Scan');
    }
  });
});
