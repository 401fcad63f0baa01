import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAudit, staffMembers, staffRecoveryCodes, staffSessions } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import * as auditModule from '@/lib/staff/audit';
import { listStaffAudit } from '@/lib/staff/audit';
import { createStaffMember } from '@/lib/staff/create-staff-member';
import { disableStaffMember, reenrolStaffMember } from '@/lib/staff/manage-staff-member';
import type { StaffRole } from '@/lib/staff/roles';
import {
  confirmStaffTotp,
  inspectStaffSetupLink,
  setStaffPassword,
  staffEnrolmentSecret,
} from '@/lib/staff/set-up-staff-account';
import { signInStaff } from '@/lib/staff/sign-in-staff';
import { signOutStaff } from '@/lib/staff/sign-out-staff';
import { readStaffSession, STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from '@/lib/staff/staff-session';
import { totpCode } from '@/lib/staff/totp';
import { GOOD_PASSWORD, nextIp, testDeps } from '../helpers/accounts';
import { testBackends } from '../helpers/backends';
import { fakeClock } from '../helpers/db';
import { activeUser } from '../helpers/registration';

const STAFF_PASSWORD = 'lanterne verte sous la pluie';
const STEP_MS = 30_000;

function tokenOf(setupUrl: string): string {
  return new URL(setupUrl).searchParams.get('token') ?? '';
}

describe.each(testBackends('staff'))('staff area on $name', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  let db: Db;
  let n = 0;
  const address = (tag: string) => `${tag}${++n}.${backend.name.length}@ottawa.ca`;

  beforeAll(async () => {
    opened = await backend.open();
    db = opened.db;
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** A member who used their set-up link and confirmed a first code; the clock moved past it. */
  async function enrolledStaff(role: StaffRole = 'intake', clock = fakeClock()) {
    const deps = testDeps(db, clock);
    const email = address(role);
    const created = await createStaffMember(deps, { email, name: `Agent ${n}`, role });
    if (created.status !== 'created') throw new Error(created.status);
    const set = await setStaffPassword(deps, {
      token: tokenOf(created.setupUrl),
      password: STAFF_PASSWORD,
      passwordConfirm: STAFF_PASSWORD,
      ip: nextIp(),
    });
    if (set.status !== 'ok') throw new Error(set.status);
    const session = (await readStaffSession(db, set.token, clock.now()))!;
    const enrolment = (await staffEnrolmentSecret(deps, session))!;
    const confirmed = await confirmStaffTotp(deps, session, {
      code: totpCode(enrolment.secret, clock.now()),
      ip: nextIp(),
    });
    if (confirmed.status !== 'ok') throw new Error(confirmed.status);
    clock.advance(STEP_MS);
    return {
      id: created.id,
      email,
      secret: enrolment.secret,
      recoveryCodes: confirmed.recoveryCodes,
      enrolmentToken: set.token,
      deps,
      clock,
      signIn: (code: string, password = STAFF_PASSWORD) =>
        signInStaff(deps, { email, password, code, ip: nextIp() }),
    };
  }

  it('STF-01: the command’s domain function creates a member with no factor and a one-time set-up link', async () => {
    const deps = testDeps(db);
    const email = address('new');
    const created = await createStaffMember(deps, {
      email: ` ${email.toUpperCase()} `,
      name: 'Nouvel Agent',
      role: 'examiner',
    });
    expect(created).toMatchObject({ status: 'created', email, role: 'examiner' });
    if (created.status !== 'created') return;
    expect(created.setupUrl).toMatch(
      /^https:\/\/portal\.test\/fr\/personnel\/configuration\?token=[\w-]{43}$/,
    );
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, created.id));
    expect(row).toMatchObject({ passwordHash: null, totpSecret: null, totpEnrolledAt: null });
    expect(await createStaffMember(deps, { email, name: 'X', role: 'admin' })).toEqual({
      status: 'email_taken',
    });
    expect(
      await createStaffMember(deps, { email: 'x@y', name: '', role: 'boss' as never }),
    ).toMatchObject({
      status: 'invalid',
      fieldErrors: {
        email: expect.any(String),
        name: expect.any(String),
        role: expect.any(String),
      },
    });

    const token = tokenOf(created.setupUrl);
    expect(await inspectStaffSetupLink(deps, token)).toBe('valid');
    const weak = await setStaffPassword(deps, {
      token,
      password: 'motdepasse',
      passwordConfirm: 'motdepasse',
      ip: nextIp(),
    });
    expect(weak).toMatchObject({
      status: 'invalid',
      fieldErrors: { password: expect.any(String) },
    });
    const first = await setStaffPassword(deps, {
      token,
      password: STAFF_PASSWORD,
      passwordConfirm: STAFF_PASSWORD,
      ip: nextIp(),
    });
    expect(first.status).toBe('ok');
    const again = await setStaffPassword(deps, {
      token,
      password: STAFF_PASSWORD,
      passwordConfirm: STAFF_PASSWORD,
      ip: nextIp(),
    });
    expect(again).toEqual({ status: 'used' });
  });

  it('STF-01: a second factor is enrolled before anything else: the set-up session reaches enrolment only, and sign-in is refused until then', async () => {
    const clock = fakeClock();
    const deps = testDeps(db, clock);
    const email = address('enrol');
    const created = await createStaffMember(deps, { email, name: 'Enrol', role: 'intake' });
    if (created.status !== 'created') throw new Error();
    const set = await setStaffPassword(deps, {
      token: tokenOf(created.setupUrl),
      password: STAFF_PASSWORD,
      passwordConfirm: STAFF_PASSWORD,
      ip: nextIp(),
    });
    if (set.status !== 'ok') throw new Error();
    const session = await readStaffSession(db, set.token, clock.now());
    expect(session?.stage).toBe('enrolment');
    const enrolment = (await staffEnrolmentSecret(deps, session!))!;
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, created.id));
    expect(row!.totpSecret).not.toContain(enrolment.secret);
    // Password right, code right, but the factor is not confirmed yet: refused.
    const early = await signInStaff(deps, {
      email,
      password: STAFF_PASSWORD,
      code: totpCode(enrolment.secret, clock.now()),
      ip: nextIp(),
    });
    expect(early).toEqual({ status: 'invalid' });
    expect(await confirmStaffTotp(deps, session!, { code: '000000', ip: nextIp() })).toMatchObject({
      status: expect.stringMatching(/invalid/),
    });
    const confirmed = await confirmStaffTotp(deps, session!, {
      code: totpCode(enrolment.secret, clock.now()),
      ip: nextIp(),
    });
    expect(confirmed.status).toBe('ok');
    if (confirmed.status !== 'ok') return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect((await readStaffSession(db, set.token, clock.now()))?.stage).toBe('full');
  });

  it('STF-01: both factors every time: password without code, code without password, a wrong code — all the same refusal', async () => {
    const staff = await enrolledStaff();
    const now = staff.clock.now();
    const code = totpCode(staff.secret, now);
    expect(await staff.signIn('')).toEqual({ status: 'invalid' });
    expect(await staff.signIn(code, 'not the password at all')).toEqual({ status: 'invalid' });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await staff.signIn(wrong)).toEqual({ status: 'invalid' });
    const ok = await staff.signIn(code);
    expect(ok.status).toBe('ok');
    if (ok.status !== 'ok') return;
    const session = await readStaffSession(db, ok.token, now);
    expect(session).toMatchObject({ id: staff.id, stage: 'full', role: 'intake' });
  });

  it('STF-01: a TOTP code is accepted once within its window, and never an older step', async () => {
    const staff = await enrolledStaff();
    const now = staff.clock.now();
    const current = totpCode(staff.secret, now);
    const previous = totpCode(staff.secret, new Date(now.getTime() - STEP_MS));
    expect((await staff.signIn(current)).status).toBe('ok');
    expect(await staff.signIn(current)).toEqual({ status: 'invalid' });
    expect(await staff.signIn(previous)).toEqual({ status: 'invalid' });
    // The next step's code (clock drift allowance) works once; a code two steps away never.
    staff.clock.advance(STEP_MS);
    const far = totpCode(staff.secret, new Date(staff.clock.now().getTime() + 2 * STEP_MS));
    expect(await staff.signIn(far)).toEqual({ status: 'invalid' });
    expect((await staff.signIn(totpCode(staff.secret, staff.clock.now()))).status).toBe('ok');
  });

  it('STF-01: recovery codes are single use and stored only as hashes', async () => {
    const staff = await enrolledStaff();
    const [code] = staff.recoveryCodes;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const stored = await db
      .select({ codeHash: staffRecoveryCodes.codeHash })
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.staffId, staff.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).not.toContain(code!.replace(/-/g, ''));
    }
    // Any case, without dashes: the same code.
    expect((await staff.signIn(code!.toLowerCase().replace(/-/g, ' '))).status).toBe('ok');
    expect(await staff.signIn(code!)).toEqual({ status: 'invalid' });
    expect((await staff.signIn(staff.recoveryCodes[1]!)).status).toBe('ok');
  });

  it('STF-01: sign-in locks after 5 failures for 15 minutes, even with both right factors', async () => {
    const staff = await enrolledStaff();
    for (let i = 0; i < 5; i++) {
      expect(await staff.signIn('123456', 'wrong password here')).toEqual({ status: 'invalid' });
    }
    expect(await staff.signIn(totpCode(staff.secret, staff.clock.now()))).toEqual({
      status: 'invalid',
    });
    staff.clock.advance(15 * 60_000);
    expect((await staff.signIn(totpCode(staff.secret, staff.clock.now()))).status).toBe('ok');
  });

  it('STF-01: the per-IP limit of sign-in is the residents’ (20 a minute)', async () => {
    const deps = testDeps(db);
    const ip = nextIp();
    const results = [];
    for (let i = 0; i < 21; i++) {
      results.push(
        (await signInStaff(deps, { email: address('ip'), password: 'x', code: '1', ip })).status,
      );
    }
    expect(results.slice(0, 20).every((s) => s === 'invalid')).toBe(true);
    expect(results[20]).toBe('rate_limited');
  });

  it('STF-03: a session ends after 15 minutes idle and after 8 hours in all', async () => {
    const staff = await enrolledStaff();
    const ok = await staff.signIn(totpCode(staff.secret, staff.clock.now()));
    if (ok.status !== 'ok') throw new Error();
    // Active every 14 minutes: alive until the 8th hour, then gone.
    let alive = 0;
    while (staff.clock.now().getTime() < Date.parse('2026-11-29T12:00:00Z') + STAFF_ABSOLUTE_MS) {
      staff.clock.advance(14 * 60_000);
      if (await readStaffSession(db, ok.token, staff.clock.now())) alive += 1;
      else break;
    }
    expect(alive).toBeGreaterThan(30);
    expect(await readStaffSession(db, ok.token, staff.clock.now())).toBeNull();

    staff.clock.advance(STEP_MS);
    const idle = await staff.signIn(totpCode(staff.secret, staff.clock.now()));
    if (idle.status !== 'ok') throw new Error();
    staff.clock.advance(STAFF_IDLE_MS - 1000);
    expect(await readStaffSession(db, idle.token, staff.clock.now())).not.toBeNull();
    staff.clock.advance(STAFF_IDLE_MS);
    expect(await readStaffSession(db, idle.token, staff.clock.now())).toBeNull();
    // Ended in the database: coming back within the window does not revive it.
    const [row] = await db
      .select({ endedAt: staffSessions.endedAt })
      .from(staffSessions)
      .where(eq(staffSessions.staffId, staff.id))
      .orderBy(sql`${staffSessions.createdAt} desc`)
      .limit(1);
    expect(row?.endedAt).not.toBeNull();
  });

  it('STF-03: sign-out ends the session row: the cookie’s token is worthless afterwards', async () => {
    const staff = await enrolledStaff();
    const ok = await staff.signIn(totpCode(staff.secret, staff.clock.now()));
    if (ok.status !== 'ok') throw new Error();
    const session = (await readStaffSession(db, ok.token, staff.clock.now()))!;
    await signOutStaff(staff.deps, session, nextIp());
    expect(await readStaffSession(db, ok.token, staff.clock.now())).toBeNull();
  });

  it('STF-03: disabling a member ends their sessions on the next request and refuses sign-in', async () => {
    const admin = await enrolledStaff('admin');
    const staff = await enrolledStaff('examiner', admin.clock);
    const ok = await staff.signIn(totpCode(staff.secret, staff.clock.now()));
    if (ok.status !== 'ok') throw new Error();
    expect(await disableStaffMember(admin.deps, { id: admin.id }, { actorId: admin.id })).toBe(
      'self',
    );
    expect(await disableStaffMember(admin.deps, { id: staff.id }, { actorId: admin.id })).toBe(
      'disabled',
    );
    expect(await readStaffSession(db, ok.token, staff.clock.now())).toBeNull();
    staff.clock.advance(STEP_MS);
    expect(await staff.signIn(totpCode(staff.secret, staff.clock.now()))).toEqual({
      status: 'invalid',
    });
  });

  it('STF-03: re-enrolment clears both factors and the codes, ends sessions and replaces the set-up link', async () => {
    const staff = await enrolledStaff('inspector');
    const ok = await staff.signIn(totpCode(staff.secret, staff.clock.now()));
    if (ok.status !== 'ok') throw new Error();
    const result = await reenrolStaffMember(staff.deps, { email: staff.email });
    expect(result.status).toBe('reenrolled');
    if (result.status !== 'reenrolled') return;
    expect(await readStaffSession(db, ok.token, staff.clock.now())).toBeNull();
    expect(await staff.signIn(staff.recoveryCodes[0]!)).toEqual({ status: 'invalid' });
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, staff.id));
    expect(row).toMatchObject({ passwordHash: null, totpSecret: null, totpEnrolledAt: null });
    expect(await inspectStaffSetupLink(staff.deps, tokenOf(result.setupUrl))).toBe('valid');
  });

  it('STF-04: each staff change and sign-in writes one audit row, readable per member', async () => {
    const admin = await enrolledStaff('admin');
    const deps = admin.deps;
    const email = address('audited');
    const created = await createStaffMember(
      deps,
      { email, name: 'Audited', role: 'intake' },
      { actorId: admin.id, ip: '192.0.2.7' },
    );
    if (created.status !== 'created') throw new Error();
    await signInStaff(deps, { email, password: 'wrong password x', code: '1', ip: nextIp() });
    await reenrolStaffMember(deps, { id: created.id }, { actorId: admin.id });
    await disableStaffMember(deps, { id: created.id }, { actorId: admin.id });
    const trail = await listStaffAudit(db, created.id);
    expect(trail.map((r) => r.action)).toEqual([
      'staff_disabled',
      'staff_reenrolled',
      'sign_in_failed',
      'staff_created',
    ]);
    expect(trail[3]).toMatchObject({
      actorName: expect.stringMatching(/^Agent/),
      subjectName: 'Audited',
    });
    const [raw] = await db.select().from(staffAudit).where(eq(staffAudit.subjectId, created.id));
    expect(JSON.stringify(raw)).not.toContain('192.0.2.7');
    const adminTrail = (await listStaffAudit(db, admin.id)).map((r) => r.action);
    expect(adminTrail).toEqual(
      expect.arrayContaining(['totp_enrolled', 'password_set', 'staff_created']),
    );
  });

  it('STF-04: the audit trail is append-only: the module offers no update or delete, and the database refuses both', async () => {
    expect(Object.keys(auditModule).sort()).toEqual([
      'STAFF_AUDIT_ACTIONS',
      'listApplicationAudit',
      'listStaffAudit',
      'recordStaffAudit',
    ]);
    const admin = await enrolledStaff('admin');
    const before = await listStaffAudit(db, admin.id);
    expect(before.length).toBeGreaterThan(0);
    await expect(
      db.update(staffAudit).set({ action: 'sign_in' }).where(eq(staffAudit.subjectId, admin.id)),
    ).rejects.toThrow();
    await expect(db.delete(staffAudit).where(eq(staffAudit.subjectId, admin.id))).rejects.toThrow();
    await expect(db.execute(sql`truncate staff_audit`)).rejects.toThrow();
    expect(await listStaffAudit(db, admin.id)).toEqual(before);
  });

  it('STF-02: a resident’s session is no staff session, and a staff session is no resident', async () => {
    const deps = testDeps(db);
    const userId = await activeUser(deps, address('resident').replace('ottawa.ca', 'example.ca'));
    expect(await readStaffSession(db, userId, new Date())).toBeNull();
    expect(
      await readStaffSession(db, 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z', new Date()),
    ).toBeNull();
    // A resident's address and password sign no one in to the staff area.
    expect(
      await signInStaff(deps, {
        email: address('resident').replace('ottawa.ca', 'example.ca'),
        password: GOOD_PASSWORD,
        code: '123456',
        ip: nextIp(),
      }),
    ).toEqual({ status: 'invalid' });
  });
});
