import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applicationEvents,
  applications,
  emailOutbox,
  inspections,
  staffAudit,
  staffMembers,
  users,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { FormState } from '@/lib/forms/form-state';
import {
  confirmInspectionWindow,
  recordInspectionResult,
  refuseWindow,
} from '@/lib/inspections/inspector-actions';
import {
  defaultInspectionDay,
  listInspectorDay,
  parseInspectorDayFilters,
} from '@/lib/inspections/inspector-day';
import { createInspection } from '@/lib/inspections/status-machine';
import type { InspectionPeriod, InspectionType } from '@/lib/inspections/types';
import { listApplicationAudit } from '@/lib/staff/audit';
import type { StaffRole } from '@/lib/staff/roles';
import { STAFF_COOKIE } from '@/lib/staff/staff-cookie';
import { createStaffSession } from '@/lib/staff/staff-session';
import { outbox, testDeps } from '../helpers/accounts';
import { testBackends } from '../helpers/backends';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { resetRequest, setCookie, signInAs } from '../helpers/next-request';
import { activeUser } from '../helpers/registration';

/**
 * The City inspectors' side of issue 20: the day view, "Confirmer la plage horaire" and
 * "Consigner le résultat" (a passed final inspection closes the permit in the same transaction),
 * on PGlite and, with TEST_DATABASE_URL, on PostgreSQL through the production driver; then the
 * server actions as Next.js calls them (STF-02).
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);
vi.mock('next/cache', () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock('@/lib/email/deliver', () => ({ deliverOutboxSoon: () => {} }));

/** Wednesday 2 December 2026, 10:00 in Ottawa; Friday the 4th and Monday the 7th are business days. */
const WEDNESDAY = new Date('2026-12-02T15:00:00Z');
const FRIDAY = '2026-12-04';
const MONDAY = '2026-12-07';

describe.each(testBackends('inspections_staff'))('inspectors on $name', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  let db: Db;
  let n = 0;
  let residentId: string;
  let residentEmail: string;
  const staff = {} as Record<StaffRole, { id: string; role: StaffRole }>;

  beforeAll(async () => {
    opened = await backend.open();
    db = opened.db;
    residentEmail = `resident.inspections.${backend.name.length}@example.ca`;
    residentId = await activeUser(testDeps(db), residentEmail);
    // The resident reads English: the emails follow.
    await db.update(users).set({ locale: 'en' }).where(eq(users.id, residentId));
    for (const role of ['intake', 'examiner', 'inspector', 'admin'] as const) {
      const [row] = await db
        .insert(staffMembers)
        .values({
          email: `${role}.inspections.${backend.name.length}@ottawa.ca`,
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

  const deps = (now = WEDNESDAY) => testDeps(db, fakeClock(now));

  /** An issued construction permit of the resident, as if it had got there. */
  async function issuedPermit(siteAddress = '110, avenue Laurier Ouest, Ottawa (Ontario) K1P 1J1') {
    const reference = `CON-2026-${String(800000 + backend.name.length * 1000 + ++n)}`;
    const [row] = await db
      .insert(applications)
      .values({
        reference,
        userId: residentId,
        type: 'constructionPermit',
        status: 'issued',
        currentStep: 'review',
        siteAddress,
        lastSavedAt: WEDNESDAY,
        statusChangedAt: WEDNESDAY,
        submittedAt: WEDNESDAY,
      })
      .returning({ id: applications.id });
    return { id: row!.id, reference };
  }

  /** A requested inspection, created as the resident's request would (createInspection). */
  async function requested(
    applicationId: string,
    opts: {
      type?: InspectionType;
      day?: string;
      period?: InspectionPeriod;
      area?: string | null;
      requestedAt?: Date;
    } = {},
  ): Promise<string> {
    const created = await db.transaction((tx) =>
      createInspection(tx, {
        values: {
          applicationId,
          type: opts.type ?? 'framing',
          preferredOn: opts.day ?? FRIDAY,
          period: opts.period ?? 'morning',
          contactName: 'Marie Tremblay',
          contactPhone: '613-580-2424',
          postalPrefix: opts.area === undefined ? 'K1P' : opts.area,
          requestedAt: opts.requestedAt ?? new Date(WEDNESDAY.getTime() - 86_400_000),
        },
        applicationStatus: 'issued',
        actor: { role: 'resident', id: residentId },
        now: WEDNESDAY,
      }),
    );
    if (created.status !== 'ok') throw new Error('not created');
    return created.id;
  }

  async function scheduled(applicationId: string, opts: Parameters<typeof requested>[1] = {}) {
    const id = await requested(applicationId, opts);
    const result = await confirmInspectionWindow(deps(), staff.inspector, {
      inspectionId: id,
      windowStart: opts.period === 'afternoon' ? '13:00' : '08:30',
      windowEnd: opts.period === 'afternoon' ? '14:00' : '10:00',
    });
    if (result.status !== 'ok') throw new Error(result.status);
    return id;
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
    const [mail] = await db
      .select({ n: count() })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, residentEmail));
    const [app] = await db
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.id, applicationId));
    const rows = await db
      .select()
      .from(inspections)
      .where(eq(inspections.applicationId, applicationId));
    return {
      events: events!.n,
      audit: audit!.n,
      mails: mail!.n,
      status: app!.status,
      inspections: rows.map((r) => ({ status: r.status, result: r.result, window: r.windowStart })),
    };
  }

  async function lastMail() {
    return (await outbox(db)).filter((m) => m.toAddress === residentEmail).at(-1);
  }

  it('STF-02: intake and examiners can neither confirm a window nor record a result; nothing is written', async () => {
    const app = await issuedPermit();
    const id = await requested(app.id);
    const before = await written(app.id);
    for (const role of ['intake', 'examiner'] as const) {
      expect(
        await confirmInspectionWindow(deps(), staff[role], {
          inspectionId: id,
          windowStart: '08:30',
          windowEnd: '10:00',
        }),
      ).toEqual({ status: 'not_allowed' });
    }
    expect(await written(app.id)).toEqual(before);
    const done = await scheduled(app.id, { type: 'plumbing' });
    const beforeRecord = await written(app.id);
    for (const role of ['intake', 'examiner'] as const) {
      expect(
        await recordInspectionResult(deps(), staff[role], {
          inspectionId: done,
          result: 'passed',
          toFix: '',
          notes: '',
        }),
      ).toEqual({ status: 'not_allowed' });
    }
    expect(await written(app.id)).toEqual(beforeRecord);
    // Inspectors and administrators can.
    expect(
      await recordInspectionResult(deps(), staff.admin, {
        inspectionId: done,
        result: 'passed',
        toFix: '',
        notes: '',
      }),
    ).toEqual({ status: 'ok', to: 'done', closed: false });
  });

  it('STF-04: confirming a window schedules the inspection, writes its event and one audit row, and emails the resident in English', async () => {
    const app = await issuedPermit();
    const id = await requested(app.id, { type: 'insulation' });
    const result = await confirmInspectionWindow(deps(), staff.inspector, {
      inspectionId: id,
      windowStart: '08:30',
      windowEnd: '10:00',
      ip: '198.51.100.7',
    });
    expect(result).toEqual({ status: 'ok', to: 'scheduled', closed: false });
    const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
    expect(row).toMatchObject({
      status: 'scheduled',
      windowStart: '08:30',
      windowEnd: '10:00',
      scheduledAt: WEDNESDAY,
      inspectorId: staff.inspector.id,
    });
    const events = await db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    expect(events.map((e) => e.type)).toEqual(['inspection_requested', 'inspection_scheduled']);
    expect(events[1]).toMatchObject({
      fromStatus: 'issued',
      toStatus: 'issued',
      actorRole: 'inspector',
      actorId: staff.inspector.id,
      detail: { inspectionId: id, inspectionType: 'insulation' },
    });
    const trail = await listApplicationAudit(db, app.id);
    expect(trail.map((r) => [r.action, r.actorName])).toEqual([
      ['inspection_scheduled', 'Agent inspector'],
    ]);
    expect(trail[0]!.detail).toMatchObject({
      reference: app.reference,
      inspectionFrom: 'requested',
      inspectionTo: 'scheduled',
    });
    const mail = await lastMail();
    expect(mail).toMatchObject({ template: 'inspection-scheduled', locale: 'en' });
    expect(mail!.props).toMatchObject({
      reference: app.reference,
      inspectionType: 'insulation',
      day: FRIDAY,
      windowStart: '08:30',
      windowEnd: '10:00',
      contactName: 'Marie Tremblay',
      contactPhone: '613-580-2424',
      applicationUrl: expect.stringContaining(
        `/en/building-code-services/applications/${app.reference}`,
      ),
    });
    // A new window on a scheduled inspection (the table allows it): scheduled again, audited.
    expect(
      await confirmInspectionWindow(deps(), staff.admin, {
        inspectionId: id,
        windowStart: '10:00',
        windowEnd: '11:30',
      }),
    ).toEqual({ status: 'ok', to: 'scheduled', closed: false });
    expect(await written(app.id)).toMatchObject({ events: 3, audit: 2 });
  });

  it('refuses a window outside the half-day, ending before it starts, shorter than 30 minutes or not HH:MM, by its field; nothing is written', () => {
    expect(refuseWindow('morning', '07:30', '09:00')).toEqual({
      windowStart: 'StaffInspections.schedule.errors.startOutsideMorning',
    });
    expect(refuseWindow('morning', '11:00', '12:30')).toEqual({
      windowEnd: 'StaffInspections.schedule.errors.endOutsideMorning',
    });
    expect(refuseWindow('afternoon', '11:30', '13:00')).toEqual({
      windowStart: 'StaffInspections.schedule.errors.startOutsideAfternoon',
    });
    expect(refuseWindow('afternoon', '16:00', '17:30')).toEqual({
      windowEnd: 'StaffInspections.schedule.errors.endOutsideAfternoon',
    });
    expect(refuseWindow('morning', '10:00', '09:00')).toEqual({
      windowEnd: 'StaffInspections.schedule.errors.endBeforeStart',
    });
    expect(refuseWindow('morning', '10:00', '10:20')).toEqual({
      windowEnd: 'StaffInspections.schedule.errors.tooShort',
    });
    expect(refuseWindow('morning', '9h', '')).toEqual({
      windowStart: 'StaffInspections.schedule.errors.startInvalid',
      windowEnd: 'StaffInspections.schedule.errors.endInvalid',
    });
    expect(refuseWindow('morning', '08:00', '12:00')).toBeNull();
    expect(refuseWindow('afternoon', '12:00', '12:30')).toBeNull();
  });

  it('an invalid window through the domain function answers by field and changes nothing', async () => {
    const app = await issuedPermit();
    const id = await requested(app.id, { period: 'afternoon' });
    const before = await written(app.id);
    expect(
      await confirmInspectionWindow(deps(), staff.inspector, {
        inspectionId: id,
        windowStart: '09:00',
        windowEnd: '10:00',
      }),
    ).toEqual({
      status: 'invalid',
      fieldErrors: {
        windowStart: 'StaffInspections.schedule.errors.startOutsideAfternoon',
        windowEnd: 'StaffInspections.schedule.errors.endOutsideAfternoon',
      },
    });
    expect(await written(app.id)).toEqual(before);
  });

  it('a requested inspection needs its window before a result; an unknown id or a non-uuid is not found', async () => {
    const app = await issuedPermit();
    const id = await requested(app.id);
    const before = await written(app.id);
    expect(
      await recordInspectionResult(deps(), staff.inspector, {
        inspectionId: id,
        result: 'passed',
        toFix: '',
        notes: '',
      }),
    ).toEqual({ status: 'not_allowed' });
    expect(await written(app.id)).toEqual(before);
    for (const inspectionId of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "' or 1=1"]) {
      expect(
        await recordInspectionResult(deps(), staff.inspector, {
          inspectionId,
          result: 'passed',
          toFix: '',
          notes: '',
        }),
      ).toEqual({ status: 'not_found' });
    }
  });

  it('a failed result needs what to fix; a failed final does not close the permit and the email says to request it again', async () => {
    const app = await issuedPermit();
    const id = await scheduled(app.id, { type: 'final' });
    const before = await written(app.id);
    expect(
      await recordInspectionResult(deps(), staff.inspector, {
        inspectionId: id,
        result: 'failed',
        toFix: '   ',
        notes: 'Note',
      }),
    ).toEqual({
      status: 'invalid',
      fieldErrors: { toFix: 'StaffInspections.record.errors.toFixRequired' },
    });
    expect(await written(app.id)).toEqual(before);
    expect(
      await recordInspectionResult(deps(), staff.inspector, {
        inspectionId: id,
        result: 'failed',
        toFix: 'Poser la main courante de l’escalier.',
        notes: 'Propriétaire présent.',
      }),
    ).toEqual({ status: 'ok', to: 'done', closed: false });
    const after = await written(app.id);
    expect(after).toMatchObject({
      status: 'issued',
      events: before.events + 1,
      audit: before.audit + 1,
      mails: before.mails + 1,
      inspections: [{ status: 'done', result: 'failed', window: '08:30' }],
    });
    const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
    expect(row).toMatchObject({
      toFix: 'Poser la main courante de l’escalier.',
      notes: 'Propriétaire présent.',
      resultRecordedAt: WEDNESDAY,
      inspectorId: staff.inspector.id,
    });
    const mail = await lastMail();
    expect(mail).toMatchObject({ template: 'inspection-result', locale: 'en' });
    expect(mail!.props).toMatchObject({
      result: 'failed',
      toFix: 'Poser la main courante de l’escalier.',
      permitClosed: false,
    });
    // The staff notes never reach the resident.
    expect(JSON.stringify(mail!.props)).not.toContain('Propriétaire présent');
  });

  it('a passed final inspection closes the permit in the same transaction: "Fermée", the close event, two audit rows, one email', async () => {
    const app = await issuedPermit();
    const id = await scheduled(app.id, { type: 'final' });
    const before = await written(app.id);
    let transactions = 0;
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') transactions++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const result = await recordInspectionResult({ ...deps(), db: counted }, staff.inspector, {
      inspectionId: id,
      result: 'passed',
      toFix: '',
      notes: '',
    });
    expect(result).toEqual({ status: 'ok', to: 'done', closed: true });
    expect(transactions).toBe(1);
    const after = await written(app.id);
    expect(after).toMatchObject({
      status: 'closed',
      events: before.events + 2,
      audit: before.audit + 2,
      mails: before.mails + 1,
    });
    const [close] = await db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.type, 'close')));
    expect(close).toMatchObject({
      fromStatus: 'issued',
      toStatus: 'closed',
      actorRole: 'inspector',
      actorId: staff.inspector.id,
      detail: { inspectionId: id },
    });
    expect((await listApplicationAudit(db, app.id)).map((r) => r.action).slice(0, 2)).toEqual([
      'application_closed',
      'inspection_recorded',
    ]);
    const mail = await lastMail();
    expect(mail).toMatchObject({ template: 'permit-closed', locale: 'en' });
    expect(mail!.props).toMatchObject({ result: 'passed', permitClosed: true });
    // A closed permit's inspections are read only.
    const other = await db
      .select({ id: inspections.id })
      .from(inspections)
      .where(eq(inspections.applicationId, app.id));
    expect(
      await confirmInspectionWindow(deps(), staff.admin, {
        inspectionId: other[0]!.id,
        windowStart: '08:30',
        windowEnd: '10:00',
      }),
    ).toEqual({ status: 'not_allowed' });
  });

  it('when the email cannot be queued, neither the result nor the closing stays (one transaction)', async () => {
    const app = await issuedPermit();
    const id = await scheduled(app.id, { type: 'final' });
    const before = await written(app.id);
    // An address the outbox refuses (a line break): the last write of the transaction throws.
    await db
      .update(users)
      .set({ email: 'bad\naddress@example.ca' })
      .where(eq(users.id, residentId));
    try {
      await expect(
        recordInspectionResult(deps(), staff.inspector, {
          inspectionId: id,
          result: 'passed',
          toFix: '',
          notes: '',
        }),
      ).rejects.toThrow();
    } finally {
      await db.update(users).set({ email: residentEmail }).where(eq(users.id, residentId));
    }
    expect(await written(app.id)).toEqual(before);
  });

  it('a passed inspection that is not the final leaves the permit issued', async () => {
    const app = await issuedPermit();
    const id = await scheduled(app.id, { type: 'footings' });
    expect(
      await recordInspectionResult(deps(), staff.inspector, {
        inspectionId: id,
        result: 'passed',
        toFix: '',
        notes: '',
      }),
    ).toEqual({ status: 'ok', to: 'done', closed: false });
    expect((await written(app.id)).status).toBe('issued');
    expect((await lastMail())!.template).toBe('inspection-result');
    // A partial one needs what to fix too.
    const partial = await scheduled(app.id, { type: 'framing' });
    expect(
      await recordInspectionResult(deps(), staff.inspector, {
        inspectionId: partial,
        result: 'partial',
        toFix: '',
        notes: '',
      }),
    ).toMatchObject({ status: 'invalid' });
  });

  it('APP-02: two inspectors recording at once: one result, one event, one audit row, one email', async () => {
    const app = await issuedPermit();
    const id = await scheduled(app.id, { type: 'final' });
    const before = await written(app.id);
    const results = await Promise.all([
      recordInspectionResult(deps(), staff.inspector, {
        inspectionId: id,
        result: 'passed',
        toFix: '',
        notes: '',
      }),
      recordInspectionResult(deps(), staff.admin, {
        inspectionId: id,
        result: 'failed',
        toFix: 'Refaire',
        notes: '',
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['not_allowed', 'ok']);
    const after = await written(app.id);
    const passed = results[0]!.status === 'ok';
    // The passed final also closes: one more event and audit row then.
    expect(after).toMatchObject({
      events: before.events + (passed ? 2 : 1),
      audit: before.audit + (passed ? 2 : 1),
      mails: before.mails + 1,
      status: passed ? 'closed' : 'issued',
    });
  });

  it('the day view: one day’s open and done inspections, by area then half-day then request time; filters by area (any case) and status', async () => {
    // A day of its own for this backend, so that other tests' inspections stay out.
    const day = backend.name === 'PGlite' ? '2026-12-15' : '2026-12-16';
    const a = await issuedPermit('1 rue A, Ottawa K2P 1A1');
    const b = await issuedPermit('2 rue B, Ottawa K1P 1B2');
    const c = await issuedPermit('3 rue C, Ottawa K1P 1C3');
    const t0 = WEDNESDAY.getTime() - 3 * 86_400_000;
    const k2p = await requested(a.id, { day, area: 'K2P', period: 'morning' });
    const k1pAfternoon = await requested(b.id, {
      day,
      area: 'K1P',
      period: 'afternoon',
      requestedAt: new Date(t0),
    });
    const k1pLate = await requested(c.id, {
      day,
      area: 'K1P',
      period: 'morning',
      requestedAt: new Date(t0 + 2000),
    });
    const k1pEarly = await requested(b.id, {
      type: 'plumbing',
      day,
      area: 'K1P',
      period: 'morning',
      requestedAt: new Date(t0 + 1000),
    });
    // Done that day: shown; another day, or cancelled: not.
    const done = await requested(c.id, { type: 'footings', day, area: 'K1P', period: 'afternoon' });
    await db.update(inspections).set({ status: 'done' }).where(eq(inspections.id, done));
    const cancelled = await requested(a.id, { type: 'plumbing', day, area: 'K2P' });
    await db.update(inspections).set({ status: 'cancelled' }).where(eq(inspections.id, cancelled));
    await requested(a.id, { type: 'insulation', day: '2026-12-17', area: 'K2P' });

    const all = await listInspectorDay(db, { day });
    expect(all.rows.map((r) => r.id)).toEqual([k1pEarly, k1pLate, k1pAfternoon, done, k2p]);
    expect(all.rows[0]).toMatchObject({
      reference: b.reference,
      siteAddress: '2 rue B, Ottawa K1P 1B2',
      area: 'K1P',
      type: 'plumbing',
      period: 'morning',
      contactName: 'Marie Tremblay',
      status: 'requested',
    });
    expect(all.areas).toEqual([
      { area: 'K1P', count: 4 },
      { area: 'K2P', count: 1 },
    ]);
    const k2 = await listInspectorDay(
      db,
      parseInspectorDayFilters({ day, area: 'k2p' }, WEDNESDAY),
    );
    expect(k2.rows.map((r) => r.id)).toEqual([k2p]);
    expect(k2.areas).toHaveLength(2);
    const doneOnly = await listInspectorDay(db, { day, status: 'done' });
    expect(doneOnly.rows.map((r) => r.id)).toEqual([done]);
    expect((await listInspectorDay(db, { day: '2026-12-18' })).rows).toEqual([]);
  });

  it('the day view reads a day through inspections_day_idx, done inspections included (no scan of the table)', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(
        sql`explain select id from inspections where preferred_on = '2026-12-16' and status in ('requested', 'scheduled', 'done')`,
      );
      return (result as unknown as { rows: Record<string, string>[] }).rows
        .map((r) => Object.values(r)[0])
        .join('\n');
    });
    expect(plan).toContain('inspections_day_idx');
  });

  it('the day view opens on today, or on the next business day when today is not one; bad filters are ignored', () => {
    expect(defaultInspectionDay(WEDNESDAY)).toBe('2026-12-02');
    // Saturday 5 December → Monday the 7th; Christmas Day 2026 (a Friday, a holiday) and the
    // weekend after it → Monday the 28th (the calendar's next business day).
    expect(defaultInspectionDay(new Date('2026-12-05T15:00:00Z'))).toBe(MONDAY);
    expect(defaultInspectionDay(new Date('2026-12-25T15:00:00Z'))).toBe('2026-12-28');
    expect(defaultInspectionDay(new Date('2026-12-26T15:00:00Z'))).toBe('2026-12-28');
    // 23:30 on Friday in Ottawa is still Friday (04:30 UTC on Saturday).
    expect(defaultInspectionDay(new Date('2026-12-05T04:30:00Z'))).toBe(FRIDAY);
    expect(
      parseInspectorDayFilters({ day: '2026-02-30', area: 'K1', status: 'cancelled' }, WEDNESDAY),
    ).toEqual({ day: '2026-12-02' });
    expect(
      parseInspectorDayFilters({ day: MONDAY, area: ' k1p ', status: 'scheduled' }, WEDNESDAY),
    ).toEqual({ day: MONDAY, area: 'K1P', status: 'scheduled' });
  });
});

describe('inspection server actions (STF-02)', () => {
  const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;
  const REDIRECT = /NEXT_REDIRECT/;
  let t: TestDb;
  let residentId: string;
  let actions: typeof import('@/app/[locale]/(staff)/staff/(area)/inspections/[inspectionId]/actions');
  const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };
  let m = 0;

  beforeAll(async () => {
    t = await createTestDb();
    dbCache.__monsoDb = Promise.resolve(t.db);
    residentId = await activeUser(testDeps(t.db), 'resident.inspection.actions@example.ca');
    actions =
      await import('@/app/[locale]/(staff)/staff/(area)/inspections/[inspectionId]/actions');
  });
  afterAll(async () => {
    dbCache.__monsoDb = undefined;
    await t.close();
  });
  beforeEach(() => {
    m += 1;
    resetRequest({ ip: `198.51.100.${m}` });
  });

  function form(fields: Record<string, string>): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  }
  const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });

  async function signInStaff(role: StaffRole) {
    const [member] = await t.db
      .insert(staffMembers)
      .values({ email: `${role}.action${m}@ottawa.ca`, name: `Agent ${m}`, role })
      .returning({ id: staffMembers.id });
    const { token } = await createStaffSession(t.db, {
      staffId: member!.id,
      stage: 'full',
      now: new Date(),
    });
    setCookie(STAFF_COOKIE, token);
  }

  async function requestedInspection() {
    const [app] = await t.db
      .insert(applications)
      .values({
        reference: `CON-2026-${String(700000 + m)}`,
        userId: residentId,
        type: 'constructionPermit',
        status: 'issued',
        currentStep: 'review',
        lastSavedAt: WEDNESDAY,
        statusChangedAt: WEDNESDAY,
        submittedAt: WEDNESDAY,
      })
      .returning({ id: applications.id });
    const created = await t.db.transaction((tx) =>
      createInspection(tx, {
        values: {
          applicationId: app!.id,
          type: 'framing',
          preferredOn: FRIDAY,
          period: 'morning',
          contactName: 'Marie Tremblay',
          contactPhone: '613-580-2424',
          postalPrefix: 'K1P',
          requestedAt: WEDNESDAY,
        },
        applicationStatus: 'issued',
        actor: { role: 'resident', id: residentId },
        now: WEDNESDAY,
      }),
    );
    if (created.status !== 'ok') throw new Error('not created');
    return created.id;
  }

  async function redirectOf(answer: Promise<unknown>): Promise<string> {
    try {
      const state = await answer;
      throw new Error(`answered instead of redirecting: ${JSON.stringify(state)}`);
    } catch (error) {
      const digest = (error as { digest?: string }).digest ?? '';
      if (!digest.startsWith('NEXT_REDIRECT')) throw error;
      return decodeURIComponent(digest.split(';')[2] ?? '');
    }
  }

  const statusOf = async (id: string) =>
    (await t.db.select().from(inspections).where(eq(inspections.id, id)))[0]!.status;

  it('STF-02: no staff session or a resident’s session: the staff sign-in; intake and examiners: not found; nothing written', async () => {
    const id = await requestedInspection();
    const schedule = form({ inspectionId: id, windowStart: '08:30', windowEnd: '10:00' });
    const record = form({ inspectionId: id, result: 'passed', toFix: '', notes: '' });
    await expect(actions.scheduleInspectionAction(initial(), schedule)).rejects.toThrow(REDIRECT);
    await signInAs(t.db, residentId);
    await expect(actions.recordInspectionAction(initial(), record)).rejects.toThrow(REDIRECT);
    for (const role of ['intake', 'examiner'] as const) {
      await signInStaff(role);
      await expect(actions.scheduleInspectionAction(initial(), schedule)).rejects.toThrow(
        NOT_FOUND,
      );
      await expect(actions.recordInspectionAction(initial(), record)).rejects.toThrow(NOT_FOUND);
    }
    expect(await statusOf(id)).toBe('requested');
  });

  it('STF-02: the inspections pages answer 404 to a full staff session of intake or examination, not to inspectors and administrators', async () => {
    const { default: middleware } = await import('@/middleware');
    const { NextRequest } = await import('next/server');
    const id = await requestedInspection();
    for (const [role, refused] of [
      ['intake', true],
      ['examiner', true],
      ['inspector', false],
      ['admin', false],
    ] as const) {
      const [member] = await t.db
        .insert(staffMembers)
        .values({ email: `${role}.mw${m}@ottawa.ca`, name: 'Agent', role })
        .returning({ id: staffMembers.id });
      const { token } = await createStaffSession(t.db, {
        staffId: member!.id,
        stage: 'full',
        now: new Date(),
      });
      for (const path of ['/fr/personnel/inspections', `/en/staff/inspections/${id}`]) {
        const response = await middleware(
          new NextRequest(`https://portail.example.ca${path}`, {
            headers: { cookie: `${STAFF_COOKIE}=${token}` },
          }),
        );
        expect(response.status === 404, `${role} ${path}`).toBe(refused);
      }
    }
  });

  it('an inspector’s invalid window and a failed result without what to fix answer by field, answers kept; then both go through', async () => {
    const id = await requestedInspection();
    await signInStaff('inspector');
    const bad = await actions.scheduleInspectionAction(
      initial(),
      form({ inspectionId: id, windowStart: '11:45', windowEnd: '12:30' }),
    );
    expect(bad.fieldErrors).toEqual({
      windowEnd: 'StaffInspections.schedule.errors.endOutsideMorning',
    });
    expect(bad.values).toMatchObject({ windowStart: '11:45', windowEnd: '12:30' });
    // Too early: a requested inspection has no window yet.
    const early = await actions.recordInspectionAction(
      initial(),
      form({ inspectionId: id, result: 'passed', toFix: '', notes: '' }),
    );
    expect(early.formError).toBe('StaffInspections.errors.notAllowed');
    expect(
      await redirectOf(
        actions.scheduleInspectionAction(
          initial(),
          form({ inspectionId: id, windowStart: '08:30', windowEnd: '10:00' }),
        ),
      ),
    ).toBe(`/fr/personnel/inspections/${id}?notice=scheduled`);
    expect(await statusOf(id)).toBe('scheduled');
    const noFix = await actions.recordInspectionAction(
      initial(),
      form({ inspectionId: id, result: 'failed', toFix: '', notes: 'Note' }),
    );
    expect(noFix.fieldErrors).toEqual({ toFix: 'StaffInspections.record.errors.toFixRequired' });
    expect(noFix.values).toMatchObject({ result: 'failed', notes: 'Note' });
    const noResult = await actions.recordInspectionAction(
      initial(),
      form({ inspectionId: id, toFix: '', notes: '' }),
    );
    expect(noResult.fieldErrors).toMatchObject({
      result: 'StaffInspections.record.errors.resultRequired',
    });
    expect(
      await redirectOf(
        actions.recordInspectionAction(
          initial(),
          form({ inspectionId: id, result: 'failed', toFix: 'Refaire', notes: '' }),
        ),
      ),
    ).toBe(`/fr/personnel/inspections/${id}?notice=recorded`);
    expect(await statusOf(id)).toBe('done');
    // An unknown inspection: not found.
    await expect(
      actions.recordInspectionAction(
        initial(),
        form({ inspectionId: 'nope', result: 'passed', toFix: '', notes: '' }),
      ),
    ).rejects.toThrow(NOT_FOUND);
  });
});
