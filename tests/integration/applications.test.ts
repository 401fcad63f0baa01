import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  COMPLIANCE_REPORT,
  CONSTRUCTION_PERMIT,
  type ApplicationTypeDef,
} from '@/lib/applications/catalogue';
import { deleteDraft } from '@/lib/applications/delete-draft';
import { expireDrafts } from '@/lib/applications/expire-drafts';
import { FEE_SCHEDULE } from '@/lib/applications/fees';
import { listApplications } from '@/lib/applications/list-applications';
import { loadApplication } from '@/lib/applications/load-application';
import { requestWithdrawal } from '@/lib/applications/request-withdrawal';
import { saveApplicationStep } from '@/lib/applications/save-application-step';
import { transitionApplication } from '@/lib/applications/status-machine';
import { submitApplication } from '@/lib/applications/submit-application';
import type { Db } from '@/lib/db/client';
import { applicationEvents, applications, applicationVersions, emailOutbox } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { testDeps } from '../helpers/accounts';
import { createTestDb, fakeClock } from '../helpers/db';
import { testBackends, type Backend } from '../helpers/backends';
import { DECLARATION, PERMIT_ANSWERS, fillPermit } from '../helpers/applications';
import { activeUser } from '../helpers/registration';

const DAY = 86_400_000;

type TestDeps = Deps & { clock: ReturnType<typeof fakeClock> };

async function count(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return row?.n ?? 0;
}

const backends = testBackends('applications');

describe.each(backends)('applications on $name', (backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let deps: TestDeps;
  let user = 0;
  const newUser = () => activeUser(deps, `applicant${++user}-${backend.name.length}@example.ca`);

  beforeAll(async () => {
    opened = await backend.open();
    deps = testDeps(opened.db, fakeClock(new Date('2026-12-03T15:00:00Z')));
  }, 120_000);
  afterAll(() => opened?.close());

  it('allocates the reference at the first save, per type and year, and mails it with a link back', async () => {
    const userId = await newUser();
    const first = await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference: null,
      step: 'gettingStarted',
      answers: PERMIT_ANSWERS.gettingStarted,
      advance: false,
    });
    expect(first).toMatchObject({ status: 'ok', created: true, reference: 'CON-2026-000001' });
    const report = await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'complianceReport',
      reference: null,
      step: 'location',
      answers: PERMIT_ANSWERS.location,
      advance: true,
    });
    expect(report).toMatchObject({ reference: 'RCO-2026-000001', nextStep: 'applicantPurpose' });
    // Saving again keeps the reference and sends nothing more.
    const again = await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference: 'CON-2026-000001',
      step: 'gettingStarted',
      answers: PERMIT_ANSWERS.gettingStarted,
      advance: true,
    });
    expect(again).toMatchObject({ status: 'ok', created: false, nextStep: 'applicant' });
    const mails = await deps.db
      .select({ template: emailOutbox.template })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, 'application-started'));
    expect(mails).toHaveLength(2);
    expect(await count(deps.db, applicationEvents, eq(applicationEvents.type, 'create'))).toBe(2);
  });

  it('resumes days later at the step after the last one saved, every answer kept', async () => {
    const userId = await newUser();
    const saved = await saveApplicationStep(deps, {
      userId,
      locale: 'en',
      typeKey: 'constructionPermit',
      reference: null,
      step: 'gettingStarted',
      answers: PERMIT_ANSWERS.gettingStarted,
      advance: true,
    });
    if (saved.status !== 'ok') throw new Error(saved.status);
    deps.clock.advance(5 * DAY);
    const view = await loadApplication(deps.db, userId, saved.reference);
    expect(view).toMatchObject({
      status: 'draft',
      currentStep: 'applicant',
      answers: { gettingStarted: PERMIT_ANSWERS.gettingStarted },
    });
  });

  it('APP-01, AUTHZ-04: shows an application only to its owner: another resident gets nothing, on every function', async () => {
    const owner = await newUser();
    const other = await newUser();
    const reference = await fillPermit(deps, owner);
    expect(await loadApplication(deps.db, other, reference)).toBeNull();
    expect((await listApplications(deps.db, other)).map((a) => a.reference)).not.toContain(
      reference,
    );
    expect(
      await saveApplicationStep(deps, {
        userId: other,
        locale: 'fr',
        typeKey: 'constructionPermit',
        reference,
        step: 'location',
        answers: PERMIT_ANSWERS.location,
        advance: false,
      }),
    ).toEqual({ status: 'not_found' });
    expect(
      await submitApplication(deps, { userId: other, reference, declaration: DECLARATION }),
    ).toEqual({ status: 'not_found' });
    expect(await deleteDraft(deps, { userId: other, reference })).toBe('not_found');
    expect(await requestWithdrawal(deps, { userId: other, reference })).toBe('not_found');
    expect(await loadApplication(deps.db, owner, reference)).not.toBeNull();
  });

  it('APP-03: submits only a complete application with its declaration, at the fee the stored answers give', async () => {
    const userId = await newUser();
    const started = await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference: null,
      step: 'gettingStarted',
      answers: PERMIT_ANSWERS.gettingStarted,
      advance: true,
    });
    if (started.status !== 'ok') throw new Error(started.status);
    const incomplete = await submitApplication(deps, {
      userId,
      reference: started.reference,
      declaration: DECLARATION,
    });
    expect(incomplete).toMatchObject({ status: 'invalid', step: 'applicant' });

    const reference = await fillPermit(deps, userId);
    expect(await submitApplication(deps, { userId, reference, declaration: null })).toEqual({
      status: 'declaration_missing',
    });
    const submitted = await submitApplication(deps, {
      userId,
      reference,
      declaration: DECLARATION,
      applicant: { firstName: 'Jean' },
    });
    // $250,000 × $10.75 / $1,000.
    expect(submitted).toEqual({
      status: 'ok',
      to: 'payment_required',
      feeCents: 268_750,
      version: 1,
    });
    const view = await loadApplication(deps.db, userId, reference);
    expect(view).toMatchObject({ status: 'payment_required', version: 1, feeCents: 268_750 });
    // The resident is told, in their language, what was received and what is left to pay.
    expect(
      await deps.db
        .select({ template: emailOutbox.template, locale: emailOutbox.locale })
        .from(emailOutbox)
        .where(eq(emailOutbox.template, 'application-submitted')),
    ).toEqual([{ template: 'application-submitted', locale: 'fr' }]);
    expect(view?.events.map((e) => [e.type, e.toStatus])).toEqual([
      ['create', 'draft'],
      ['submit', 'payment_required'],
    ]);
    // The declaration is kept with the submit event, in the words the resident ticked.
    const [submitEvent] = await deps.db
      .select({ detail: applicationEvents.detail, at: applicationEvents.occurredAt })
      .from(applicationEvents)
      .where(eq(applicationEvents.type, 'submit'));
    expect(submitEvent).toEqual({
      detail: { version: 1, feeCents: 268_750, declaration: DECLARATION },
      at: deps.clock.now(),
    });
    // A submitted application's answers are a version now: no step can be saved any more.
    expect(
      await saveApplicationStep(deps, {
        userId,
        locale: 'fr',
        typeKey: 'constructionPermit',
        reference,
        step: 'location',
        answers: PERMIT_ANSWERS.location,
        advance: false,
      }),
    ).toEqual({ status: 'not_editable' });
    expect(await deleteDraft(deps, { userId, reference })).toBe('not_draft');
  });

  it('refuses a stored answer the catalogue no longer accepts, whatever wrote it', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    await deps.db.execute(
      sql`update application_answers set answers = jsonb_set(answers, '{constructionValue}', '-5') where step = 'workDetails' and application_id = (select id from applications where reference = ${reference})`,
    );
    expect(
      await submitApplication(deps, { userId, reference, declaration: DECLARATION }),
    ).toMatchObject({
      status: 'invalid',
      step: 'workDetails',
      fieldErrors: { constructionValue: 'Applications.fields.constructionValue.errors.number' },
    });
  });

  it('APP-02: two submits at once leave one version and one submit event', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitApplication(deps, { userId, reference, declaration: DECLARATION }),
      ),
    );
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'not_draft')).toHaveLength(4);
    const [app] = await deps.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.reference, reference));
    expect(
      await count(deps.db, applicationVersions, eq(applicationVersions.applicationId, app!.id)),
    ).toBe(1);
    expect(
      await count(
        deps.db,
        applicationEvents,
        and(eq(applicationEvents.applicationId, app!.id), eq(applicationEvents.type, 'submit')),
      ),
    ).toBe(1);
  });

  it('APP-02: a submit racing a delete ends as one of them, never half of each', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    const [submitted, deleted] = await Promise.all([
      submitApplication(deps, { userId, reference, declaration: DECLARATION }),
      deleteDraft(deps, { userId, reference }),
    ]);
    const left = await loadApplication(deps.db, userId, reference);
    if (deleted === 'ok') {
      expect(submitted.status).toBe('not_found');
      expect(left).toBeNull();
      const orphans = await deps.db.execute(
        sql`select 1 from application_events e where not exists (select 1 from applications a where a.id = e.application_id)`,
      );
      expect((orphans as unknown as { rows: unknown[] }).rows).toEqual([]);
    } else {
      expect(deleted).toBe('not_draft');
      expect(submitted.status).toBe('ok');
      expect(left?.status).toBe('payment_required');
    }
  });

  it('deletes a draft with its answers and events', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    expect(await deleteDraft(deps, { userId, reference })).toBe('ok');
    expect(await loadApplication(deps.db, userId, reference)).toBeNull();
    expect(await deleteDraft(deps, { userId, reference })).toBe('not_found');
  });

  it('records a withdrawal request once, after submission only', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    expect(await requestWithdrawal(deps, { userId, reference })).toBe('not_allowed');
    await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    expect(await requestWithdrawal(deps, { userId, reference })).toBe('ok');
    expect(await requestWithdrawal(deps, { userId, reference })).toBe('not_allowed');
    const view = await loadApplication(deps.db, userId, reference);
    expect(view?.status).toBe('payment_required');
    expect(view?.withdrawalRequestedAt).not.toBeNull();
    expect(view?.events.filter((e) => e.type === 'request_withdrawal')).toHaveLength(1);
  });

  it('APP-02: changes a status only through the table: a refused move writes no event', async () => {
    const userId = await newUser();
    const reference = await fillPermit(deps, userId);
    const [app] = await deps.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.reference, reference));
    const before = await count(
      deps.db,
      applicationEvents,
      eq(applicationEvents.applicationId, app!.id),
    );
    const refused = await transitionApplication(deps.db, {
      application: { id: app!.id, status: 'draft' },
      event: 'approve',
      actor: { role: 'examiner', id: null },
      now: deps.now(),
    });
    expect(refused).toEqual({ status: 'not_allowed' });
    // A stale status (the row moved on meanwhile) is refused too.
    const stale = await transitionApplication(deps.db, {
      application: { id: app!.id, status: 'under_review' },
      event: 'approve',
      actor: { role: 'examiner', id: null },
      now: deps.now(),
    });
    expect(stale).toEqual({ status: 'not_allowed' });
    expect(
      await count(deps.db, applicationEvents, eq(applicationEvents.applicationId, app!.id)),
    ).toBe(before);
  });
});

describe('applications: the list, the page and the drafts job', () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let deps: TestDeps;
  const statements: string[] = [];

  beforeEach(async () => {
    t = await createTestDb({ onQuery: (q) => statements.push(q) });
    deps = testDeps(t.db, fakeClock(new Date('2026-12-03T15:00:00Z')));
  });
  afterEach(() => t?.close());

  it('reads "Mes demandes" in one statement and an application page with its timeline in one', async () => {
    const userId = await activeUser(deps, 'lists@example.ca');
    const reference = await fillPermit(deps, userId);
    statements.length = 0;
    const list = await listApplications(deps.db, userId);
    expect(statements).toHaveLength(1);
    expect(list).toEqual([
      expect.objectContaining({
        reference,
        type: 'constructionPermit',
        status: 'draft',
        siteAddress: '110 avenue Laurier Ouest',
        deletesAt: new Date(deps.now().getTime() + 60 * DAY),
      }),
    ]);
    statements.length = 0;
    const page = await loadApplication(deps.db, userId, reference);
    expect(statements).toHaveLength(1);
    expect(page?.events).toEqual([
      {
        type: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorRole: 'resident',
        occurredAt: deps.now(),
      },
    ]);
  });

  it('reminds 7 days and 1 day before deleting a draft untouched for 60 days; a save starts again', async () => {
    const userId = await activeUser(deps, 'drafts@example.ca');
    const reference = await fillPermit(deps, userId);
    const reminders = () =>
      t.db
        .select({ template: emailOutbox.template })
        .from(emailOutbox)
        .where(eq(emailOutbox.template, 'draft-reminder'));

    deps.clock.advance(52 * DAY);
    expect(await expireDrafts(deps)).toEqual({ reminded: 0, deleted: 0 });
    deps.clock.advance(1 * DAY);
    expect(await expireDrafts(deps)).toEqual({ reminded: 1, deleted: 0 });
    expect(await expireDrafts(deps)).toEqual({ reminded: 0, deleted: 0 });
    deps.clock.advance(6 * DAY);
    expect(await expireDrafts(deps)).toEqual({ reminded: 1, deleted: 0 });
    expect(await reminders()).toHaveLength(2);

    // A save now keeps the draft another 60 days.
    await saveApplicationStep(deps, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference,
      step: 'location',
      answers: PERMIT_ANSWERS.location,
      advance: false,
    });
    deps.clock.advance(2 * DAY);
    expect(await expireDrafts(deps)).toEqual({ reminded: 0, deleted: 0 });
    deps.clock.advance(57 * DAY);
    // The job missed the 7-day mark: one reminder (the last one), not both at once.
    expect(await expireDrafts(deps)).toEqual({ reminded: 1, deleted: 0 });
    deps.clock.advance(1 * DAY);
    expect(await expireDrafts(deps)).toEqual({ reminded: 0, deleted: 1 });
    expect(await loadApplication(t.db, userId, reference)).toBeNull();
  });

  it('never expires a submitted application', async () => {
    const userId = await activeUser(deps, 'kept@example.ca');
    const reference = await fillPermit(deps, userId);
    await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    deps.clock.advance(400 * DAY);
    await expireDrafts(deps);
    expect((await loadApplication(t.db, userId, reference))?.status).toBe('payment_required');
  });

  it('takes a third type as data only: its steps, schema, reference and fee (none due: "Soumise")', async () => {
    const SIGN: ApplicationTypeDef = {
      key: 'signPermit',
      prefix: 'SGN',
      decisionBusinessDays: 10,
      addressStep: 'location',
      fee: { kind: 'fixed', schedule: 'signPermit', byField: 'signKind' },
      steps: [
        COMPLIANCE_REPORT.steps[0]!,
        {
          key: 'sign',
          kind: 'form',
          fields: [
            { key: 'signKind', kind: 'choice', options: ['temporary', 'wall'], required: true },
          ],
        },
        { key: 'review', kind: 'review' },
      ],
      documents: [],
    };
    const catalogue = [CONSTRUCTION_PERMIT, COMPLIANCE_REPORT, SIGN];
    const feeSchedule = {
      ...FEE_SCHEDULE,
      fixed: { ...FEE_SCHEDULE.fixed, signPermit: { amounts: { temporary: 0, wall: 15_000 } } },
    };
    const userId = await activeUser(deps, 'signs@example.ca');
    let reference: string | null = null;
    for (const [step, answers] of [
      ['location', PERMIT_ANSWERS.location],
      ['sign', { signKind: 'temporary' }],
    ] as const) {
      const saved = await saveApplicationStep(
        deps,
        { userId, locale: 'en', typeKey: 'signPermit', reference, step, answers, advance: true },
        catalogue,
      );
      if (saved.status !== 'ok') throw new Error(saved.status);
      reference = saved.reference;
    }
    expect(reference).toBe(`SGN-${deps.now().getUTCFullYear()}-000001`);
    const submitted = await submitApplication(
      deps,
      { userId, reference: reference!, declaration: DECLARATION },
      { catalogue, feeSchedule },
    );
    expect(submitted).toMatchObject({ status: 'ok', to: 'submitted', feeCents: 0 });
  });
});
