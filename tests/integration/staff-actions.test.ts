import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDecisionDue } from '@/lib/applications/decision-due';
import type { ApplicationStatus } from '@/lib/applications/status-machine';
import {
  applicationEvents,
  applications,
  applicationVersions,
  emailOutbox,
  informationRequests,
  staffAudit,
  staffMembers,
  staffNotes,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import {
  acceptComplete,
  addStaffNote,
  approveApplication,
  assignApplication,
  confirmWithdrawal,
  refuseApplication,
  requestInformation,
  startCompletenessCheck,
} from '@/lib/staff/application-actions/actions';
import { listApplicationAudit } from '@/lib/staff/audit';
import type { StaffRole } from '@/lib/staff/roles';
import { outbox, testDeps } from '../helpers/accounts';
import { testBackends } from '../helpers/backends';
import { fakeClock } from '../helpers/db';
import { activeUser } from '../helpers/registration';

/** Wednesday 2 December 2026, 10:00 in Ottawa: no holiday for the next three weeks. */
const WEDNESDAY = new Date('2026-12-02T15:00:00Z');
const DAY_MS = 86_400_000;

describe.each(testBackends('staff_actions'))(
  'staff actions on an application on $name',
  (backend) => {
    let opened: Awaited<ReturnType<typeof backend.open>>;
    let db: Db;
    let n = 0;
    let residentId: string;
    let residentEmail: string;
    const staff = {} as Record<StaffRole, { id: string; role: StaffRole }>;

    beforeAll(async () => {
      opened = await backend.open();
      db = opened.db;
      residentEmail = `resident.${backend.name.length}@example.ca`;
      residentId = await activeUser(testDeps(db), residentEmail);
      for (const role of ['intake', 'examiner', 'inspector', 'admin'] as const) {
        const [row] = await db
          .insert(staffMembers)
          .values({
            email: `${role}.${backend.name.length}@ottawa.ca`,
            name: `Agent ${role}`,
            role,
          })
          .returning({ id: staffMembers.id });
        staff[role] = { id: row!.id, role };
      }
    });
    afterAll(async () => {
      await opened?.close();
    });

    /** An application of the resident in `status`, as if it had got there; returns its reference. */
    async function application(
      status: ApplicationStatus,
      set: Partial<typeof applications.$inferInsert> = {},
    ): Promise<{ id: string; reference: string }> {
      const reference = `CON-2026-${String(900000 + backend.name.length * 1000 + ++n)}`;
      const [row] = await db
        .insert(applications)
        .values({
          reference,
          userId: residentId,
          type: 'constructionPermit',
          status,
          currentStep: 'review',
          lastSavedAt: WEDNESDAY,
          statusChangedAt: WEDNESDAY,
          submittedAt: status === 'draft' ? null : WEDNESDAY,
          ...set,
        })
        .returning({ id: applications.id });
      return { id: row!.id, reference };
    }

    async function written(applicationId: string) {
      const [events] = await db
        .select({ n: count() })
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, applicationId));
      const [audit] = await db
        .select({ n: count() })
        .from(staffAudit)
        .where(eq(staffAudit.applicationId, applicationId));
      const [mail] = await db.select({ n: count() }).from(emailOutbox);
      const [row] = await db
        .select({
          status: applications.status,
          acceptedOn: applications.acceptedOn,
          decisionDueOn: applications.decisionDueOn,
          assignedTo: applications.assignedTo,
          permitConditions: applications.permitConditions,
        })
        .from(applications)
        .where(eq(applications.id, applicationId));
      return { events: events!.n, audit: audit!.n, mails: mail!.n, ...row! };
    }

    async function lastMail(template: string) {
      const mails = (await outbox(db)).filter(
        (m) => m.template === template && m.toAddress === residentEmail,
      );
      return mails.at(-1);
    }

    const deps = (now = WEDNESDAY) => testDeps(db, fakeClock(now));

    it('starts the completeness check: intake moves "Soumise" to "Vérification de l’intégralité", with the event and the audit row', async () => {
      const app = await application('submitted');
      const result = await startCompletenessCheck(deps(), staff.intake, {
        reference: app.reference,
        comment: 'Je prends le dossier.',
      });
      expect(result).toEqual({ status: 'ok', to: 'completeness_review' });
      const after = await written(app.id);
      expect(after).toMatchObject({ status: 'completeness_review', events: 1, audit: 1 });
      const trail = await listApplicationAudit(db, app.id);
      expect(trail.map((r) => [r.action, r.actorName])).toEqual([
        ['application_check_started', 'Agent intake'],
      ]);
      const [event] = await db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, app.id));
      expect(event).toMatchObject({
        type: 'start_completeness_check',
        actorRole: 'intake',
        actorId: staff.intake.id,
        detail: { comment: 'Je prends le dossier.' },
      });
    });

    it('accepts as complete: the clock starts today in Ottawa, the due day is 10 business days on for a house, the resident is told the date', async () => {
      const app = await application('completeness_review');
      const before = await written(app.id);
      const result = await acceptComplete(deps(), staff.intake, { reference: app.reference });
      expect(result).toEqual({ status: 'ok', to: 'under_review' });
      const after = await written(app.id);
      expect(after).toMatchObject({
        status: 'under_review',
        acceptedOn: '2026-12-02',
        decisionDueOn: '2026-12-16',
        events: 1,
        audit: 1,
        mails: before.mails + 1,
      });
      const mail = await lastMail('application-accepted');
      expect(mail?.locale).toBe('fr');
      expect(mail?.props).toMatchObject({
        reference: app.reference,
        decisionDueOn: '2026-12-16',
        applicationUrl: expect.stringContaining(
          `/fr/services-du-code-du-batiment/demandes/${app.reference}`,
        ),
      });
    });

    it('STF-02: a role the table does not name is refused with nothing written: an inspector cannot start the check, assign or approve; intake cannot approve or refuse', async () => {
      const submitted = await application('submitted');
      const review = await application('under_review');
      const before = [await written(submitted.id), await written(review.id)];
      expect(
        await startCompletenessCheck(deps(), staff.inspector, { reference: submitted.reference }),
      ).toEqual({ status: 'not_allowed' });
      expect(
        await assignApplication(deps(), staff.inspector, {
          reference: submitted.reference,
          assignee: staff.examiner.id,
        }),
      ).toEqual({ status: 'not_allowed' });
      expect(
        await approveApplication(deps(), staff.intake, { reference: review.reference }),
      ).toEqual({ status: 'not_allowed' });
      expect(
        await approveApplication(deps(), staff.inspector, { reference: review.reference }),
      ).toEqual({ status: 'not_allowed' });
      expect(
        await refuseApplication(deps(), staff.intake, {
          reference: review.reference,
          reasons: 'Non.',
        }),
      ).toEqual({ status: 'not_allowed' });
      expect([await written(submitted.id), await written(review.id)]).toEqual(before);
    });

    it('a move from the wrong status is refused with nothing written, and a draft is not found', async () => {
      const submitted = await application('submitted');
      const draft = await application('draft');
      const before = await written(submitted.id);
      expect(
        await acceptComplete(deps(), staff.intake, { reference: submitted.reference }),
      ).toEqual({
        status: 'not_allowed',
      });
      expect(
        await approveApplication(deps(), staff.examiner, { reference: submitted.reference }),
      ).toEqual({ status: 'not_allowed' });
      expect(
        await confirmWithdrawal(deps(), staff.intake, { reference: submitted.reference }),
      ).toEqual({ status: 'not_allowed' });
      expect(await written(submitted.id)).toEqual(before);
      expect(
        await startCompletenessCheck(deps(), staff.admin, { reference: draft.reference }),
      ).toEqual({ status: 'not_found' });
      expect(
        await addStaffNote(deps(), staff.admin, { reference: draft.reference, body: 'Note' }),
      ).toBe('not_found');
    });

    it('two staff members accepting at once: one event, one audit row, one email', async () => {
      const app = await application('completeness_review');
      const before = await written(app.id);
      const results = await Promise.all([
        acceptComplete(deps(), staff.intake, { reference: app.reference }),
        acceptComplete(deps(), staff.admin, { reference: app.reference }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['not_allowed', 'ok']);
      const after = await written(app.id);
      expect(after).toMatchObject({ events: 1, audit: 1, mails: before.mails + 1 });
    });

    it('requests information: 15 business days by default, a request row from the status, the clock paused, the email with the items', async () => {
      const app = await application('completeness_review');
      const items = [
        { kind: 'missing_document' as const, message: 'Le plan d’implantation signé.' },
        { kind: 'correction' as const, message: 'La valeur des travaux.' },
      ];
      const result = await requestInformation(deps(), staff.intake, {
        reference: app.reference,
        items,
        message: 'Merci de compléter.',
      });
      expect(result).toEqual({ status: 'ok', to: 'information_required' });
      const [request] = await db
        .select()
        .from(informationRequests)
        .where(eq(informationRequests.applicationId, app.id));
      expect(request).toMatchObject({
        fromStatus: 'completeness_review',
        requestedOn: '2026-12-02',
        requestedBy: staff.intake.id,
        dueOn: '2026-12-23',
        items,
        message: 'Merci de compléter.',
        answeredAt: null,
      });
      expect(await written(app.id)).toMatchObject({
        status: 'information_required',
        events: 1,
        audit: 1,
      });
      const mail = await lastMail('information-required');
      expect(mail?.props).toMatchObject({ reference: app.reference, items, dueOn: '2026-12-23' });
    });

    it('a request for information’s due day must be a real day after today; refused ones write nothing', async () => {
      const app = await application('under_review', { acceptedOn: '2026-12-01' });
      const before = await written(app.id);
      const ask = (dueOn: string) =>
        requestInformation(deps(), staff.examiner, {
          reference: app.reference,
          items: [{ kind: 'other', message: 'Précisez.' }],
          message: 'Merci.',
          dueOn,
        });
      expect(await ask('2026-02-30')).toEqual({
        status: 'invalid',
        fieldErrors: { dueOn: 'StaffApplicationPage.errors.dueOnInvalid' },
      });
      expect(await ask('2026-12-02')).toEqual({
        status: 'invalid',
        fieldErrors: { dueOn: 'StaffApplicationPage.errors.dueOnPast' },
      });
      expect(await written(app.id)).toEqual(before);
      expect(await ask('2026-12-03')).toEqual({ status: 'ok', to: 'information_required' });
    });

    it('the clock: accepted Wednesday, due ten business days on; paused while information is required, the due day moves with each business day of the pause', async () => {
      const app = await application('completeness_review');
      await acceptComplete(deps(), staff.intake, { reference: app.reference });
      expect((await written(app.id)).decisionDueOn).toBe('2026-12-16');
      // Friday 4 December: the examiner asks; that day still counts.
      const friday = new Date(WEDNESDAY.getTime() + 2 * DAY_MS);
      await requestInformation(deps(friday), staff.examiner, {
        reference: app.reference,
        items: [{ kind: 'other', message: 'Précisez.' }],
        message: 'Merci.',
      });
      const clockFriday = await refreshDecisionDue(db, app.id, friday);
      expect(clockFriday).toMatchObject({
        dueOn: '2026-12-16',
        paused: true,
        overdue: false,
        used: 2,
        left: 8,
      });
      // Wednesday 9 December, still unanswered: three business days of pause (7, 8, 9).
      const later = new Date(WEDNESDAY.getTime() + 7 * DAY_MS);
      const clockLater = await refreshDecisionDue(db, app.id, later);
      expect(clockLater).toMatchObject({
        dueOn: '2026-12-21',
        paused: true,
        overdue: false,
        used: 2,
        left: 8,
      });
      expect((await written(app.id)).decisionDueOn).toBe('2026-12-21');
    });

    it('the building class from the answers: a construction permit for an "other" building (a small building) gets 15 business days, a house 10', async () => {
      const small = await application('completeness_review');
      const house = await application('completeness_review');
      for (const [app, buildingType] of [
        [small, 'other'],
        [house, 'detached'],
      ] as const) {
        await db.insert(applicationVersions).values({
          applicationId: app.id,
          version: 1,
          answers: { gettingStarted: { projectDescription: 'house', buildingType } },
          feeCents: 0,
          submittedAt: WEDNESDAY,
        });
        await acceptComplete(deps(), staff.intake, { reference: app.reference });
      }
      expect((await written(small.id)).decisionDueOn).toBe('2026-12-23');
      expect((await written(house.id)).decisionDueOn).toBe('2026-12-16');
    });

    it('assigns to an active intake, examiner or administrator; never to an inspector or an unknown id', async () => {
      const app = await application('under_review');
      const before = await written(app.id);
      for (const assignee of [staff.inspector.id, '00000000-0000-4000-8000-000000000000']) {
        expect(
          await assignApplication(deps(), staff.intake, { reference: app.reference, assignee }),
        ).toEqual({
          status: 'invalid',
          fieldErrors: { assignee: 'StaffApplicationPage.errors.assigneeRequired' },
        });
      }
      expect(await written(app.id)).toEqual(before);
      expect(
        await assignApplication(deps(), staff.intake, {
          reference: app.reference,
          assignee: staff.examiner.id,
        }),
      ).toEqual({ status: 'ok', to: 'under_review' });
      const after = await written(app.id);
      expect(after).toMatchObject({
        assignedTo: staff.examiner.id,
        events: 1,
        audit: 1,
        mails: before.mails,
      });
      const [row] = await db.select().from(staffAudit).where(eq(staffAudit.applicationId, app.id));
      expect(row).toMatchObject({ action: 'application_assigned', subjectId: staff.examiner.id });
    });

    it('approves with conditions (an examiner), kept for the permit; the resident is told', async () => {
      const app = await application('under_review');
      const result = await approveApplication(deps(), staff.examiner, {
        reference: app.reference,
        conditions: 'Garde-corps de 1,07 m.',
      });
      expect(result).toEqual({ status: 'ok', to: 'ready_for_issuance' });
      expect(await written(app.id)).toMatchObject({
        status: 'ready_for_issuance',
        permitConditions: 'Garde-corps de 1,07 m.',
        events: 1,
        audit: 1,
      });
      expect((await lastMail('application-approved'))?.props).toMatchObject({
        reference: app.reference,
        conditions: 'Garde-corps de 1,07 m.',
      });
    });

    it('refuses with reasons only: without them nothing is written; with them the event and the email carry them', async () => {
      const app = await application('under_review');
      const before = await written(app.id);
      expect(
        await refuseApplication(deps(), staff.admin, { reference: app.reference, reasons: '  ' }),
      ).toEqual({
        status: 'invalid',
        fieldErrors: { reasons: 'StaffApplicationPage.errors.reasonsRequired' },
      });
      expect(await written(app.id)).toEqual(before);
      expect(
        await refuseApplication(deps(), staff.admin, {
          reference: app.reference,
          reasons: 'Marge de recul insuffisante.',
        }),
      ).toEqual({ status: 'ok', to: 'refused' });
      const [event] = await db
        .select()
        .from(applicationEvents)
        .where(
          and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, 'refuse')),
        );
      expect(event?.detail).toEqual({ reasons: 'Marge de recul insuffisante.' });
      expect((await lastMail('application-refused'))?.props).toMatchObject({
        reference: app.reference,
        reasons: 'Marge de recul insuffisante.',
      });
      expect((await written(app.id)).audit).toBe(1);
    });

    it('confirms a withdrawal the resident asked for; the email says no refund when none was made', async () => {
      const app = await application('under_review', { withdrawalRequestedAt: WEDNESDAY });
      expect(await confirmWithdrawal(deps(), staff.intake, { reference: app.reference })).toEqual({
        status: 'ok',
        to: 'withdrawn',
      });
      expect(await written(app.id)).toMatchObject({ status: 'withdrawn', events: 1, audit: 1 });
      expect((await lastMail('withdrawal-confirmed'))?.props).toMatchObject({
        reference: app.reference,
        refundCents: null,
      });
    });

    it('a staff note is kept for staff, with its audit row; an empty one is refused', async () => {
      const app = await application('submitted');
      expect(
        await addStaffNote(deps(), staff.inspector, { reference: app.reference, body: ' ' }),
      ).toBe('invalid');
      expect(
        await addStaffNote(deps(), staff.inspector, {
          reference: app.reference,
          body: 'Vu sur place.',
        }),
      ).toBe('ok');
      const notes = await db.select().from(staffNotes).where(eq(staffNotes.applicationId, app.id));
      expect(notes).toMatchObject([{ body: 'Vu sur place.', staffId: staff.inspector.id }]);
      expect((await listApplicationAudit(db, app.id)).map((r) => r.action)).toEqual(['note_added']);
    });
  },
);
