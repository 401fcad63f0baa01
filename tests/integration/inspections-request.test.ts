import { and, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApplication } from '@/lib/applications/load-application';
import { applicationEvents, applications, inspections, staffMembers } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { cancelInspection } from '@/lib/inspections/cancel-inspection';
import { listInspections } from '@/lib/inspections/list-inspections';
import {
  requestInspection,
  type InspectionRequestInput,
  type RequestInspectionResult,
} from '@/lib/inspections/request-inspection';
import { createInspection, transitionInspection } from '@/lib/inspections/status-machine';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { testDeps } from '../helpers/accounts';
import { testBackends, type Backend } from '../helpers/backends';
import { fakeClock } from '../helpers/db';
import { permitUpTo } from '../helpers/issued-permit';
import { activeUser } from '../helpers/registration';

/**
 * Issue 20, the resident's side: asking for an inspection of an issued construction permit, the
 * booking rules at holiday and year edges (a fake clock: `now` is the request's time), cancelling
 * until 15:00 the business day before, and what the application's page lists.
 */

/** 10:00 in Ottawa on `day` (EDT in May, EST in December). */
const ottawa = (day: string, time: string, offset: '-04:00' | '-05:00') =>
  new Date(`${day}T${time}${offset}`);
const FRIDAY_BEFORE_VICTORIA_DAY = ottawa('2027-05-21', '10:00:00', '-04:00');
const noonUtc = (day: string) => Date.parse(`${day}T12:00:00Z`);

const ANSWERS = {
  type: 'framing',
  period: 'morning',
  contactName: 'Jean Tremblay',
  contactPhone: '(613) 580 2424',
} as const;

const dayError = (result: RequestInspectionResult) =>
  result.status === 'invalid' ? result.fieldErrors.preferredOn : result.status;
const typeError = (result: RequestInspectionResult) =>
  result.status === 'invalid' ? result.fieldErrors.type : result.status;

describe.each(testBackends('inspections_request'))(
  'issue 20: requesting and cancelling inspections on $name',
  (backend: Backend) => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    let deps: Deps;
    let n = 0;

    beforeAll(async () => {
      opened = await backend.open();
      deps = testDeps(opened.db, fakeClock(new Date('2027-05-03T15:00:00Z')));
    });
    afterAll(() => opened?.close());

    /** A new resident with an issued permit (or one stopped at `until`). */
    async function resident(until?: Parameters<typeof permitUpTo>[2]) {
      n += 1;
      const userId = await activeUser(deps, `inspections.${n}.${backend.name.length}@example.ca`);
      const permit = await permitUpTo(deps, userId, until);
      return { userId, ...permit };
    }

    const ask = (
      who: { userId: string; reference: string },
      input: InspectionRequestInput,
      now = FRIDAY_BEFORE_VICTORIA_DAY,
    ) =>
      requestInspection(deps, {
        userId: who.userId,
        reference: who.reference,
        input: { ...ANSWERS, ...input },
        now,
      });

    const eventsOf = (applicationId: string) =>
      deps.db
        .select({ type: applicationEvents.type, detail: applicationEvents.detail })
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, applicationId))
        .orderBy(applicationEvents.seq);

    it('the Friday before Victoria Day: Monday is a holiday, Tuesday too soon, Wednesday the earliest', async () => {
      const owner = await resident();
      const monday = await ask(owner, { preferredOn: '2027-05-24' });
      expect(dayError(monday)).toBe('Inspections.request.preferredOn.errors.holiday');
      const tuesday = await ask(owner, { preferredOn: '2027-05-25' });
      expect(dayError(tuesday)).toBe('Inspections.request.preferredOn.errors.tooSoon');
      // The message names the earliest day, in the person's language. The window's 30th day is a
      // Sunday: the last day named is the Friday before, the last one that may be asked for.
      expect(tuesday).toMatchObject({
        messageValues: { earliest: noonUtc('2027-05-26'), latest: noonUtc('2027-06-18') },
      });
      if (tuesday.status !== 'invalid') throw new Error(tuesday.status);
      const say = (locale: 'fr' | 'en') =>
        createTranslator({
          locale,
          messages: locale === 'fr' ? fr : en,
          timeZone: 'America/Toronto',
        })(tuesday.fieldErrors.preferredOn as never, tuesday.messageValues as never);
      expect(say('fr')).toContain('à partir du mercredi 26 mai 2027');
      expect(say('en')).toContain('from Wednesday, May 26, 2027 on');
      expect(await ask(owner, { preferredOn: '2027-05-26' })).toMatchObject({ status: 'ok' });
    });

    it('crosses the year: Christmas, Boxing Day on a Saturday and New Year’s Day', async () => {
      const owner = await resident();
      const wednesday = ottawa('2026-12-23', '10:00:00', '-05:00');
      // Thursday 24 is the first business day after, Monday 28 the second.
      expect(dayError(await ask(owner, { preferredOn: '2026-12-24' }, wednesday))).toBe(
        'Inspections.request.preferredOn.errors.tooSoon',
      );
      expect(dayError(await ask(owner, { preferredOn: '2026-12-25' }, wednesday))).toBe(
        'Inspections.request.preferredOn.errors.holiday',
      );
      expect(dayError(await ask(owner, { preferredOn: '2026-12-26' }, wednesday))).toBe(
        'Inspections.request.preferredOn.errors.weekend',
      );
      const thursday = ottawa('2026-12-24', '16:30:00', '-05:00');
      const tooSoon = await ask(owner, { preferredOn: '2026-12-28' }, thursday);
      expect(dayError(tooSoon)).toBe('Inspections.request.preferredOn.errors.tooSoon');
      expect(tooSoon).toMatchObject({
        messageValues: { earliest: noonUtc('2026-12-29'), latest: noonUtc('2027-01-22') },
      });
      expect(dayError(await ask(owner, { preferredOn: '2027-01-01' }, thursday))).toBe(
        'Inspections.request.preferredOn.errors.holiday',
      );
      expect(await ask(owner, { preferredOn: '2026-12-28' }, wednesday)).toMatchObject({
        status: 'ok',
      });
      expect(
        await ask(owner, { type: 'plumbing', preferredOn: '2026-12-29' }, thursday),
      ).toMatchObject({ status: 'ok' });
    });

    it('refuses a weekend, a day past the 30th and a date that is not one; day 30 is fine', async () => {
      const owner = await resident();
      expect(dayError(await ask(owner, { preferredOn: '2027-05-29' }))).toBe(
        'Inspections.request.preferredOn.errors.weekend',
      );
      const monday = ottawa('2027-06-07', '09:00:00', '-04:00');
      expect(dayError(await ask(owner, { preferredOn: '2027-07-08' }, monday))).toBe(
        'Inspections.request.preferredOn.errors.tooFar',
      );
      expect(dayError(await ask(owner, { preferredOn: '2027-02-30' }, monday))).toBe(
        'Inspections.request.preferredOn.errors.invalid',
      );
      expect(await ask(owner, { preferredOn: '2027-07-07' }, monday)).toMatchObject({
        status: 'ok',
      });
    });

    it('checks every field at once, in the form’s order, as message keys; writes nothing', async () => {
      const owner = await resident();
      const empty = await requestInspection(deps, {
        userId: owner.userId,
        reference: owner.reference,
        input: {},
        now: FRIDAY_BEFORE_VICTORIA_DAY,
      });
      expect(empty).toMatchObject({
        status: 'invalid',
        fieldErrors: {
          type: 'Inspections.request.type.errors.required',
          preferredOn: 'Inspections.request.preferredOn.errors.required',
          period: 'Inspections.request.period.errors.required',
          contactName: 'Inspections.request.contactName.errors.required',
          contactPhone: 'Inspections.request.contactPhone.errors.required',
        },
      });
      if (empty.status !== 'invalid') throw new Error(empty.status);
      expect(Object.keys(empty.fieldErrors)).toEqual([
        'type',
        'preferredOn',
        'period',
        'contactName',
        'contactPhone',
      ]);
      const bad = await ask(owner, {
        type: 'roof',
        preferredOn: '2027-05-26',
        period: 'evening',
        contactName: 'Jean\u202eTremblay',
        contactPhone: '555-1234',
      });
      expect(bad).toMatchObject({
        status: 'invalid',
        fieldErrors: {
          type: 'Inspections.request.type.errors.invalid',
          period: 'Inspections.request.period.errors.invalid',
          contactName: 'Inspections.request.contactName.errors.invalid',
          contactPhone: 'Inspections.request.contactPhone.errors.invalid',
        },
      });
      const long = await ask(owner, { preferredOn: '2027-05-26', contactName: 'x'.repeat(101) });
      expect(long).toMatchObject({
        fieldErrors: { contactName: 'Inspections.request.contactName.errors.tooLong' },
      });
      expect(
        await deps.db.select().from(inspections).where(eq(inspections.applicationId, owner.id)),
      ).toEqual([]);
    });

    it('stores the request with the contact’s phone normalized and the site’s area, and writes its event', async () => {
      const owner = await resident();
      const result = await ask(owner, { preferredOn: '2027-05-26', contactName: '  Jean T. ' });
      if (result.status !== 'ok') throw new Error(result.status);
      const [row] = await deps.db
        .select()
        .from(inspections)
        .where(eq(inspections.id, result.inspectionId));
      expect(row).toMatchObject({
        applicationId: owner.id,
        type: 'framing',
        status: 'requested',
        preferredOn: '2027-05-26',
        period: 'morning',
        contactName: 'Jean T.',
        contactPhone: '613-580-2424',
        postalPrefix: 'K1P',
        requestedAt: FRIDAY_BEFORE_VICTORIA_DAY,
      });
      const events = await eventsOf(owner.id);
      expect(events.at(-1)).toEqual({
        type: 'inspection_requested',
        detail: { inspectionId: result.inspectionId, inspectionType: 'framing' },
      });
      // The application's status does not move.
      const [app] = await deps.db
        .select({ status: applications.status })
        .from(applications)
        .where(eq(applications.id, owner.id));
      expect(app?.status).toBe('issued');
    });

    it('refuses a second open request of the same type, allows it after a cancel; another type is fine', async () => {
      const owner = await resident();
      const first = await ask(owner, { preferredOn: '2027-05-26' });
      if (first.status !== 'ok') throw new Error(first.status);
      expect(typeError(await ask(owner, { preferredOn: '2027-05-27' }))).toBe(
        'Inspections.request.type.errors.duplicate',
      );
      expect(await ask(owner, { type: 'footings', preferredOn: '2027-05-27' })).toMatchObject({
        status: 'ok',
      });
      expect(
        await cancelInspection(deps, {
          ...owner,
          inspectionId: first.inspectionId,
          now: FRIDAY_BEFORE_VICTORIA_DAY,
        }),
      ).toEqual({ status: 'ok' });
      expect(await ask(owner, { preferredOn: '2027-05-27' })).toMatchObject({ status: 'ok' });
    });

    it('two tabs asking for the same type at once: one request, the other refused beside the type', async () => {
      const owner = await resident();
      const both = await Promise.all([
        ask(owner, { preferredOn: '2027-05-26' }),
        ask(owner, { preferredOn: '2027-05-27' }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual(['invalid', 'ok']);
      expect(both.map(typeError).filter((e) => e !== 'ok')).toEqual([
        'Inspections.request.type.errors.duplicate',
      ]);
      const rows = await deps.db
        .select()
        .from(inspections)
        .where(eq(inspections.applicationId, owner.id));
      expect(rows).toHaveLength(1);
    });

    it('recognizes the unique index’s refusal of a second open inspection (what two tabs would meet)', async () => {
      const owner = await resident();
      const values = {
        applicationId: owner.id,
        type: 'final',
        preferredOn: '2027-05-26',
        period: 'morning',
        contactName: 'Jean Tremblay',
        contactPhone: '613-580-2424',
        requestedAt: FRIDAY_BEFORE_VICTORIA_DAY,
      };
      const create = () =>
        createInspection(deps.db, {
          values,
          applicationStatus: 'issued',
          actor: { role: 'resident', id: owner.userId },
          now: FRIDAY_BEFORE_VICTORIA_DAY,
        });
      await create();
      const error = await create().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(error, 'inspections_open_type_idx')).toBe(true);
      expect(isUniqueViolation(error, 'another_idx')).toBe(false);
      expect(isUniqueViolation(new Error('boom'))).toBe(false);
    });

    it('refuses a type that already passed', async () => {
      const owner = await resident();
      const asked = await ask(owner, { type: 'footings', preferredOn: '2027-05-26' });
      if (asked.status !== 'ok') throw new Error(asked.status);
      const [inspector] = await deps.db
        .insert(staffMembers)
        .values({
          email: `inspecteur.${n}.${backend.name.length}@ottawa.ca`,
          name: 'I',
          role: 'inspector',
        })
        .returning({ id: staffMembers.id });
      const actor = { role: 'inspector' as const, id: inspector!.id };
      const base = { id: asked.inspectionId, applicationId: owner.id, type: 'footings' };
      await deps.db.transaction(async (tx) => {
        await transitionInspection(tx, {
          inspection: { ...base, status: 'requested' },
          applicationStatus: 'issued',
          event: 'inspection_scheduled',
          actor,
          now: FRIDAY_BEFORE_VICTORIA_DAY,
          set: { windowStart: '09:00', windowEnd: '11:00' },
        });
        await transitionInspection(tx, {
          inspection: { ...base, status: 'scheduled' },
          applicationStatus: 'issued',
          event: 'inspection_recorded',
          actor,
          now: FRIDAY_BEFORE_VICTORIA_DAY,
          set: {
            result: 'passed',
            notes: 'Notes internes',
            resultRecordedAt: FRIDAY_BEFORE_VICTORIA_DAY,
          },
        });
      });
      expect(typeError(await ask(owner, { type: 'footings', preferredOn: '2027-05-27' }))).toBe(
        'Inspections.request.type.errors.alreadyPassed',
      );
      // The page's list shows the result, never the inspector's notes.
      const listed = await listInspections(deps.db, {
        userId: owner.userId,
        reference: owner.reference,
        now: FRIDAY_BEFORE_VICTORIA_DAY,
      });
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ status: 'done', result: 'passed', open: false });
      expect(JSON.stringify(listed)).not.toContain('Notes internes');
      expect(
        JSON.stringify(await loadApplication(deps.db, owner.userId, owner.reference)),
      ).not.toContain('Notes internes');
    });

    it('is not offered before issuance: a permit under review is refused, nothing written', async () => {
      const owner = await resident('under_review');
      expect(await ask(owner, { preferredOn: '2027-05-26' })).toEqual({ status: 'not_allowed' });
      expect(
        await deps.db.select().from(inspections).where(eq(inspections.applicationId, owner.id)),
      ).toEqual([]);
    });

    it('APP-01: another resident gets "not found" for the request and the cancel, and nothing changes', async () => {
      const owner = await resident();
      const asked = await ask(owner, { preferredOn: '2027-05-26' });
      if (asked.status !== 'ok') throw new Error(asked.status);
      n += 1;
      const intruder = await activeUser(deps, `intrus.${n}.${backend.name.length}@example.ca`);
      const before = {
        inspections: await deps.db
          .select()
          .from(inspections)
          .where(eq(inspections.applicationId, owner.id)),
        events: await eventsOf(owner.id),
      };
      for (const reference of [owner.reference, 'CON-2027-999999']) {
        expect(
          await ask({ userId: intruder, reference }, { type: 'final', preferredOn: '2027-05-26' }),
        ).toEqual({ status: 'not_found' });
        // Even with bad answers: the same "not found", never a field error.
        expect(await ask({ userId: intruder, reference }, { preferredOn: '' })).toEqual({
          status: 'not_found',
        });
        expect(
          await cancelInspection(deps, {
            userId: intruder,
            reference,
            inspectionId: asked.inspectionId,
            now: FRIDAY_BEFORE_VICTORIA_DAY,
          }),
        ).toEqual({ status: 'not_found' });
      }
      // The owner's reference with an id that is not one, or not this application's.
      expect(
        await cancelInspection(deps, {
          ...owner,
          inspectionId: 'pas-un-id',
          now: FRIDAY_BEFORE_VICTORIA_DAY,
        }),
      ).toEqual({ status: 'not_found' });
      const other = await resident();
      expect(
        await cancelInspection(deps, {
          ...other,
          inspectionId: asked.inspectionId,
          now: FRIDAY_BEFORE_VICTORIA_DAY,
        }),
      ).toEqual({ status: 'not_found' });
      expect({
        inspections: await deps.db
          .select()
          .from(inspections)
          .where(eq(inspections.applicationId, owner.id)),
        events: await eventsOf(owner.id),
      }).toEqual(before);
    });

    it('cancels until 14:59 the business day before, not at 15:00, Ottawa time; across a weekend and a holiday', async () => {
      const owner = await resident();
      const ids: Record<string, string> = {};
      for (const [type, day] of [
        ['framing', '2027-05-26'], // Wednesday: until Tuesday 25 at 15:00
        ['plumbing', '2027-05-31'], // Monday: until Friday 28 at 15:00
        ['insulation', '2027-05-27'], // Thursday: the 14:59 cancel
      ] as const) {
        const result = await ask(owner, { type, preferredOn: day });
        if (result.status !== 'ok') throw new Error(result.status);
        ids[type] = result.inspectionId;
      }
      // Tuesday after Victoria Day, asked on the Wednesday before: until Friday 21 at 15:00.
      const holiday = await ask(
        owner,
        { type: 'final', preferredOn: '2027-05-25' },
        ottawa('2027-05-19', '10:00:00', '-04:00'),
      );
      if (holiday.status !== 'ok') throw new Error(holiday.status);
      ids.final = holiday.inspectionId;
      const cancel = (type: string, now: Date) =>
        cancelInspection(deps, { ...owner, inspectionId: ids[type]!, now });
      // 15:00 EDT is 19:00 UTC.
      expect(await cancel('framing', new Date('2027-05-25T19:00:00Z'))).toEqual({
        status: 'too_late',
        deadline: new Date('2027-05-25T19:00:00Z'),
      });
      expect(await cancel('framing', new Date('2027-05-25T18:59:00Z'))).toEqual({ status: 'ok' });
      // Cancelled already: nothing more to cancel.
      expect(await cancel('framing', new Date('2027-05-25T18:59:30Z'))).toEqual({
        status: 'not_allowed',
      });
      expect(await cancel('plumbing', new Date('2027-05-28T19:00:00Z'))).toMatchObject({
        status: 'too_late',
        deadline: new Date('2027-05-28T19:00:00Z'),
      });
      expect(await cancel('plumbing', new Date('2027-05-28T18:59:59Z'))).toEqual({ status: 'ok' });
      expect(await cancel('final', new Date('2027-05-21T19:00:00Z'))).toMatchObject({
        status: 'too_late',
        deadline: new Date('2027-05-21T19:00:00Z'),
      });
      expect(await cancel('insulation', new Date('2027-05-26T18:59:00Z'))).toEqual({
        status: 'ok',
      });
      const [row] = await deps.db
        .select({ status: inspections.status, cancelledAt: inspections.cancelledAt })
        .from(inspections)
        .where(eq(inspections.id, ids.framing!));
      expect(row).toEqual({ status: 'cancelled', cancelledAt: new Date('2027-05-25T18:59:00Z') });
      const events = await deps.db
        .select({ type: applicationEvents.type, detail: applicationEvents.detail })
        .from(applicationEvents)
        .where(
          and(
            eq(applicationEvents.applicationId, owner.id),
            eq(applicationEvents.type, 'inspection_cancelled'),
          ),
        )
        .orderBy(applicationEvents.seq);
      expect(events.map((e) => e.detail)).toEqual([
        { inspectionId: ids.framing, inspectionType: 'framing' },
        { inspectionId: ids.plumbing, inspectionType: 'plumbing' },
        { inspectionId: ids.insulation, inspectionType: 'insulation' },
      ]);
    });

    it('lists the inspections newest first with their deadline and whether they may be cancelled now', async () => {
      const owner = await resident();
      await ask(owner, { type: 'footings', preferredOn: '2027-05-26' });
      await ask(
        owner,
        { type: 'framing', preferredOn: '2027-05-31', period: 'afternoon' },
        new Date(FRIDAY_BEFORE_VICTORIA_DAY.getTime() + 60_000),
      );
      const now = new Date('2027-05-25T20:00:00Z');
      const listed = await listInspections(deps.db, { ...owner, now });
      expect(listed.map((i) => [i.type, i.period, i.cancellable])).toEqual([
        ['framing', 'afternoon', true],
        ['footings', 'morning', false],
      ]);
      expect(listed[1]?.cancelDeadline).toEqual(new Date('2027-05-25T19:00:00Z'));
      expect(
        await listInspections(deps.db, { userId: owner.userId, reference: 'CON-2027-999999', now }),
      ).toEqual([]);
      // The application's page has them in its one statement.
      const page = await loadApplication(deps.db, owner.userId, owner.reference);
      expect(page?.inspections.map((i) => i.type)).toEqual(['framing', 'footings']);
    });
  },
);
