import { and, eq, inArray } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { requirePasswordChange } from '@/lib/accounts/require-password-change';
import { resendActivationEmail } from '@/lib/accounts/resend-activation';
import {
  importClientRecords,
  issueClientRecord,
  mailingFile,
} from '@/lib/clients/import-client-records';
import { hashPin, normalizePin } from '@/lib/clients/pin';
import { PIN_LOCK_AFTER } from '@/lib/clients/pin-rules';
import { unlockPinLink } from '@/lib/clients/unlock-pin-link';
import {
  clientRecords,
  oneTimeLinks,
  pinLockouts,
  securityEvents,
  staffAudit,
  staffMembers,
  users,
} from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import type { StaffRole } from '@/lib/staff/roles';
import { STAFF_COOKIE } from '@/lib/staff/staff-cookie';
import { createStaffSession } from '@/lib/staff/staff-session';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { outbox, register, testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import { redirectOf, resetRequest, setCookie, signInAs } from '../helpers/next-request';
import { activeUser } from '../helpers/registration';

/**
 * The administrators' support screens (issue 19, item 7): their server actions, called as
 * Next.js calls them, and the domain functions they share with `npm run accounts` and
 * `npm run clients`.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);

const {
  findResidentAction,
  resendActivationAction,
  requirePasswordChangeAction,
  unlockPinLinkAction,
  issueClientPinAction,
  importClientPinsAction,
} = await import('@/app/[locale]/(staff)/staff/(area)/support/actions');

let t: TestDb;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };

beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
});
afterAll(async () => {
  dbCache.__monsoDb = undefined;
  await t.close();
});

let ip = 0;
beforeEach(() => {
  ip += 1;
  resetRequest({ ip: `198.51.100.${ip}` });
});

let n = 0;
const address = (tag: string) => `${tag}.${++n}@example.ca`;

/** A staff member of `role` with a full session (both factors given) in the cookie jar. */
async function signInStaffAs(role: StaffRole): Promise<string> {
  const [member] = await t.db
    .insert(staffMembers)
    .values({
      email: `${role}.${++n}@ottawa.ca`,
      name: `${role} ${n}`,
      role,
      totpEnrolledAt: new Date(),
    })
    .returning({ id: staffMembers.id });
  const { token } = await t.db.transaction((tx) =>
    createStaffSession(tx, { staffId: member!.id, stage: 'full', now: new Date() }),
  );
  setCookie(STAFF_COOKIE, token);
  return member!.id;
}

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
const csvFile = (text: string | Uint8Array) =>
  new File([text as BlobPart], 'records.csv', { type: 'text/csv' });

const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });
const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

/** Where an action redirected to, or throws if it answered instead. */

const SUPPORT_ACTIONS = [
  'resident_looked_up',
  'activation_resent',
  'password_change_required',
  'client_pin_issued',
  'client_pins_imported',
  'pin_link_unlocked',
];
const supportAudit = (actorId?: string) =>
  t.db
    .select()
    .from(staffAudit)
    .where(
      and(
        inArray(staffAudit.action, SUPPORT_ACTIONS),
        actorId ? eq(staffAudit.actorId, actorId) : undefined,
      ),
    )
    .orderBy(staffAudit.seq);

/** A pending account, an active one and an active one locked out of PIN linking. */
async function residents() {
  const deps = testDeps(t.db);
  const pendingEmail = address('pending');
  await register(deps, pendingEmail, { locale: 'en' });
  const [pending] = await t.db.select().from(users).where(eq(users.email, pendingEmail));
  const activeEmail = address('active');
  const activeId = await activeUser(deps, activeEmail);
  const lockedEmail = address('locked');
  const lockedId = await activeUser(deps, lockedEmail);
  await t.db
    .insert(pinLockouts)
    .values({ userId: lockedId, consecutiveFailures: PIN_LOCK_AFTER, lockedAt: new Date() });
  return {
    pending: { id: pending!.id, email: pendingEmail },
    active: { id: activeId, email: activeEmail },
    locked: { id: lockedId, email: lockedEmail },
  };
}

/** Every support action, with good input for `r`'s accounts. */
function everyAction(r: Awaited<ReturnType<typeof residents>>) {
  return [
    () => findResidentAction(initial(), form({ email: r.active.email })),
    () => resendActivationAction(initial(), form({ userId: r.pending.id })),
    () => requirePasswordChangeAction(initial(), form({ userId: r.active.id })),
    () => unlockPinLinkAction(initial(), form({ userId: r.locked.id })),
    () =>
      issueClientPinAction(
        initial(),
        form({
          firstName: 'Refusé',
          lastName: 'Tremblay',
          clientNumber: `R-${n}`,
          address: '',
          validDays: '',
        }),
      ),
    () =>
      importClientPinsAction(
        initial(),
        form({
          file: csvFile(`client_number,first_name,last_name,address\nRI-${n},Refusée,Roy,\n`),
          importValidDays: '',
        }),
      ),
  ];
}

/** Nothing the actions could have done was done. */
async function expectNothingDone(r: Awaited<ReturnType<typeof residents>>, mailsBefore: number) {
  const [active] = await t.db.select().from(users).where(eq(users.id, r.active.id));
  expect(active!.passwordChangeRequired).toBe(false);
  expect(
    await t.db.select().from(pinLockouts).where(eq(pinLockouts.userId, r.locked.id)),
  ).toHaveLength(1);
  expect((await outbox(t.db)).length).toBe(mailsBefore);
  expect(
    await t.db
      .select()
      .from(clientRecords)
      .where(inArray(clientRecords.firstName, ['Refusé', 'Refusée'])),
  ).toHaveLength(0);
  expect(await supportAudit()).toHaveLength(0);
}

describe('support screens: who may use them', () => {
  it.each(['intake', 'examiner', 'inspector'] as const)(
    'STF-02: a member of the %s role is refused every support action (not found), and nothing is done',
    async (role) => {
      const r = await residents();
      const mails = (await outbox(t.db)).length;
      await signInStaffAs(role);
      for (const action of everyAction(r)) await expect(action()).rejects.toThrow(NOT_FOUND);
      await expectNothingDone(r, mails);
    },
  );

  it('STF-02: a resident’s session is refused every support action (the staff sign-in), and nothing is done', async () => {
    const r = await residents();
    const mails = (await outbox(t.db)).length;
    await signInAs(t.db, r.active.id);
    for (const action of everyAction(r)) {
      expect(await redirectOf(action())).toMatch(/^\/fr\/personnel\/connexion/);
    }
    await expectNothingDone(r, mails);
  });
});

describe('support screens: an administrator', () => {
  it('STF-04: finds an account by its address in any letter case, says plainly when none uses it, and audits each look-up', async () => {
    const r = await residents();
    const adminId = await signInStaffAs('admin');
    const to = await redirectOf(
      findResidentAction(initial(), form({ email: `  ${r.active.email.toUpperCase()} ` })),
    );
    expect(to).toBe(`/fr/personnel/soutien/residents/${r.active.id}`);
    const missing = await findResidentAction(initial(), form({ email: 'nobody@example.ca' }));
    expect(missing.fieldErrors).toEqual({ email: 'StaffSupportPage.errors.notFound' });
    expect(missing.once).toBeUndefined();
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['resident_looked_up', { found: true, userId: r.active.id }],
      ['resident_looked_up', { found: false }],
    ]);
  });

  it('PWD-09, STF-04: requires a password change with the command’s function: the same effect, plus the audit row', async () => {
    const r = await residents();
    const adminId = await signInStaffAs('admin');
    const to = await redirectOf(
      requirePasswordChangeAction(initial(), form({ userId: r.active.id })),
    );
    expect(to).toBe(`/fr/personnel/soutien/residents/${r.active.id}?done=passwordChangeRequired`);
    // The command (scripts/accounts.ts) on another account: the same state and event.
    expect(await requirePasswordChange(testDeps(t.db), r.locked.email)).toBe(true);
    for (const id of [r.active.id, r.locked.id]) {
      const [user] = await t.db.select().from(users).where(eq(users.id, id));
      expect(user!.passwordChangeRequired).toBe(true);
      const events = await t.db
        .select()
        .from(securityEvents)
        .where(
          and(eq(securityEvents.userId, id), eq(securityEvents.type, 'password_change_required')),
        );
      expect(events).toHaveLength(1);
    }
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['password_change_required', { userId: r.active.id }],
    ]);
  });

  it('ACT-04, STF-04: resends the activation of a pending account in its language, retiring the earlier link; an active account gets nothing', async () => {
    const r = await residents();
    const adminId = await signInStaffAs('admin');
    const mailsTo = async (email: string) =>
      (await outbox(t.db)).filter((m) => m.toAddress === email && m.template === 'activation');
    expect(await mailsTo(r.pending.email)).toHaveLength(1);
    const to = await redirectOf(resendActivationAction(initial(), form({ userId: r.pending.id })));
    expect(to).toBe(`/fr/personnel/soutien/residents/${r.pending.id}?done=activationResent`);
    const mails = await mailsTo(r.pending.email);
    expect(mails).toHaveLength(2);
    // The account's language (English), not the administrator's page (French).
    expect(mails[1]!.locale).toBe('en');
    const links = await t.db
      .select()
      .from(oneTimeLinks)
      .where(and(eq(oneTimeLinks.userId, r.pending.id), eq(oneTimeLinks.kind, 'activation')));
    expect(links.filter((l) => l.supersededAt === null && l.usedAt === null)).toHaveLength(1);

    const already = await redirectOf(
      resendActivationAction(initial(), form({ userId: r.active.id })),
    );
    expect(already).toMatch(/\?done=alreadyActive$/);
    expect(await mailsTo(r.active.email)).toHaveLength(1);
    // The command's function: the same answers.
    expect(await resendActivationEmail(testDeps(t.db), r.pending.email.toUpperCase())).toBe('sent');
    expect(await resendActivationEmail(testDeps(t.db), r.active.email)).toBe('already_active');
    expect(await resendActivationEmail(testDeps(t.db), 'nobody@example.ca')).toBe('no_account');
    expect(await mailsTo(r.pending.email)).toHaveLength(3);
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['activation_resent', { userId: r.pending.id }],
    ]);
  });

  it('PIN-02, STF-04: unlocks PIN linking with the command’s function; an account not locked is left as it is', async () => {
    const r = await residents();
    const adminId = await signInStaffAs('admin');
    const to = await redirectOf(unlockPinLinkAction(initial(), form({ userId: r.locked.id })));
    expect(to).toMatch(/\?done=pinLinkUnlocked$/);
    expect(
      await t.db.select().from(pinLockouts).where(eq(pinLockouts.userId, r.locked.id)),
    ).toHaveLength(0);
    const notLocked = await redirectOf(
      unlockPinLinkAction(initial(), form({ userId: r.active.id })),
    );
    expect(notLocked).toMatch(/\?done=pinLinkNotLocked$/);
    // The command (npm run clients -- unlock EMAIL).
    await t.db
      .insert(pinLockouts)
      .values({ userId: r.active.id, consecutiveFailures: PIN_LOCK_AFTER, lockedAt: new Date() });
    expect(await unlockPinLink(t.db, r.active.email.toUpperCase())).toBe('unlocked');
    expect(await unlockPinLink(t.db, r.active.email)).toBe('not_locked');
    expect(await unlockPinLink(t.db, 'nobody@example.ca')).toBe('no_account');
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['pin_link_unlocked', { userId: r.locked.id }],
    ]);
  });

  it('PIN-04, STF-04: issues a client PIN shown once, stored as a keyed hash, audited without the PIN; bad fields get localized messages', async () => {
    const adminId = await signInStaffAs('admin');
    const clientNumber = `S-${++n}`;
    const state = await issueClientPinAction(
      initial(),
      form({
        firstName: ' Jean ',
        lastName: 'Tremblay',
        clientNumber,
        address: '',
        validDays: '30',
      }),
    );
    expect(state.fieldErrors).toEqual({});
    expect(state.once?.clientNumber).toBe(clientNumber);
    const pin = String(state.once?.pin);
    expect(pin).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [record] = await t.db
      .select()
      .from(clientRecords)
      .where(eq(clientRecords.clientNumber, clientNumber));
    const normalized = normalizePin(pin);
    expect('pin' in normalized && record!.pinHash === hashPin(normalized.pin)).toBe(true);
    expect(record!.firstName).toBe('Jean');
    expect(record!.pinExpiresAt.getTime() - record!.pinIssuedAt.getTime()).toBe(30 * 86_400_000);
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['client_pin_issued', { clientNumber }],
    ]);
    expect(JSON.stringify(trail)).not.toContain(pin);

    // The command's function refuses the same number the same way.
    const again = await issueClientRecord(t.db, {
      clientNumber,
      firstName: 'A',
      lastName: 'B',
      address: '',
    });
    expect(again).toMatchObject({ status: 'refused', problems: [{ code: 'clientNumberTaken' }] });
    const refused = await issueClientPinAction(
      initial(),
      form({
        firstName: '',
        lastName: 'Roy',
        clientNumber,
        address: 'x'.repeat(301),
        validDays: '0',
      }),
    );
    expect(refused.fieldErrors).toEqual({
      validDays: 'StaffClientPinsPage.fields.validDays.errors.invalid',
    });
    const refusedRow = await issueClientPinAction(
      initial(),
      form({
        firstName: '',
        lastName: 'Roy',
        clientNumber,
        address: 'x'.repeat(301),
        validDays: '',
      }),
    );
    expect(refusedRow.fieldErrors).toEqual({
      firstName: 'StaffClientPinsPage.fields.firstName.errors.required',
      address: 'StaffClientPinsPage.fields.address.errors.tooLong',
    });
    expect(refusedRow.values).toMatchObject({ lastName: 'Roy', clientNumber });
    expect(refusedRow.once).toBeUndefined();
    for (const messages of [fr, en]) {
      const tr = createTranslator({ locale: 'fr', messages });
      for (const key of Object.values(refusedRow.fieldErrors)) {
        expect(tr(key as never)).not.toBe(key);
      }
    }
    expect(await supportAudit(adminId)).toHaveLength(1);
  });

  it('PIN-04, STF-04: imports a CSV with the command’s parser: good rows issued, bad ones reported by line in both languages, the mailing file once', async () => {
    const adminId = await signInStaffAs('admin');
    const tag = ++n;
    const csv = [
      'client_number,first_name,last_name,address',
      `I${tag}-1,Marie,Gagnon,"110 Laurier"`,
      `I${tag}-2,,Roy,`,
      `I${tag}-3,Luc,=Côté,"1 rue A`,
      `Ottawa"`,
      `I${tag}-4,Ana,Li,`,
      `I${tag}-1,Paul,Roy,`,
    ].join('\r\n');
    const state = await importClientPinsAction(
      initial(),
      form({ file: csvFile(csv), importValidDays: '' }),
    );
    expect(state.fieldErrors).toEqual({});
    expect(state.once).toMatchObject({ issued: '3', refused: '2' });
    const rows = (state.once!.rows as string[]).map((row) => JSON.parse(row));
    expect(rows).toEqual([
      { line: 3, code: 'required', column: 'first_name', max: 0 },
      { line: 7, code: 'clientNumberTaken', column: 'client_number', max: 0 },
    ]);
    const mailing = String(state.once!.mailing);
    const lines = mailing.trimEnd().split('\r\n');
    expect(lines[0]).toBe('client_number,first_name,last_name,address,pin');
    expect(lines).toHaveLength(4);
    // A cell a spreadsheet would run is defused, as in the command's file; the address is one line.
    expect(lines[2]).toMatch(
      new RegExp(`^I${tag}-3,Luc,'=Côté,"1 rue A, Ottawa",[0-9A-Z]{4}-[0-9A-Z]{4}$`),
    );
    for (const line of lines.slice(1)) {
      const [number, , , , pin] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const [record] = await t.db
        .select()
        .from(clientRecords)
        .where(eq(clientRecords.clientNumber, number!));
      const normalized = normalizePin(pin!);
      expect('pin' in normalized && record!.pinHash === hashPin(normalized.pin)).toBe(true);
    }
    // The same file through the command's function gives the same report (the rows now taken).
    const again = await importClientRecords(t.db, csv);
    expect(again.issued).toHaveLength(0);
    expect(again.errors.map((e) => e.line)).toEqual([2, 3, 4, 6, 7]);
    expect(mailingFile([])).toBe('client_number,first_name,last_name,address,pin\r\n');

    // Each refused row in the page's words, in both languages.
    for (const [locale, messages] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const tr = createTranslator({ locale, messages, namespace: 'StaffClientPinsPage' });
      const words = rows.map((row) =>
        tr('imported.row', { line: row.line, problem: tr(`problems.${row.code}` as never, row) }),
      );
      expect(words[0]).toContain('first_name');
      expect(words[0]).toContain('3');
      expect(words).not.toEqual(
        rows.map((row) => {
          const other = createTranslator({
            locale: locale === 'fr' ? 'en' : 'fr',
            messages: locale === 'fr' ? en : fr,
            namespace: 'StaffClientPinsPage',
          });
          return other('imported.row', {
            line: row.line,
            problem: other(`problems.${row.code}` as never, row),
          });
        }),
      );
    }
    const trail = await supportAudit(adminId);
    expect(trail.map((a) => [a.action, a.detail])).toEqual([
      ['client_pins_imported', { issued: 3, refused: 2 }],
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it('PIN-04: an import refuses, by its field, no file, a file that is not UTF-8 text and a header without the columns', async () => {
    await signInStaffAs('admin');
    const cases: Array<[File | string, string]> = [
      ['', 'required'],
      [csvFile(''), 'required'],
      [csvFile(new Uint8Array([0x63, 0x6c, 0xff, 0xfe, 0x0a])), 'notText'],
      [csvFile('number,name\n1,Jean\n'), 'header'],
      [csvFile('x'.repeat(60_001)), 'tooLarge'],
    ];
    for (const [file, error] of cases) {
      const state = await importClientPinsAction(initial(), form({ file, importValidDays: '' }));
      expect(state.fieldErrors).toEqual({
        file: `StaffClientPinsPage.fields.file.errors.${error}`,
      });
      expect(state.once).toBeUndefined();
    }
    for (const messages of [fr, en]) {
      const tr = createTranslator({ locale: 'fr', messages, namespace: 'StaffClientPinsPage' });
      expect(tr('fields.file.errors.header')).toContain('client_number');
    }
  });
});
