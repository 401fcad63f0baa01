import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applicationEvents,
  applications,
  staffAudit,
  staffMembers,
  staffNotes,
} from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import type { StaffRole } from '@/lib/staff/roles';
import { STAFF_COOKIE } from '@/lib/staff/staff-cookie';
import { createStaffSession } from '@/lib/staff/staff-session';
import { testDeps } from '../../helpers/accounts';
import { createTestDb, type TestDb } from '../../helpers/db';
import { resetRequest, setCookie, signInAs } from '../../helpers/next-request';
import { activeUser } from '../../helpers/registration';

/**
 * The staff application page's server actions (issue 19) called as Next.js calls them: a
 * resident's session, or a staff session without its second factor, never acts (the staff
 * sign-in, nothing written); a full staff session of a role the status machine does not name is
 * refused by the action itself, nothing written.
 */
vi.mock('next/headers', async () => (await import('../../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../../helpers/next-request')).nextIntlServerMock,
);

const actions =
  await import('@/app/[locale]/(staff)/staff/(area)/applications/[reference]/actions');

let t: TestDb;
let residentId: string;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };

beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
  residentId = await activeUser(testDeps(t.db), 'resident.actions@example.ca');
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

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });

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

let n = 0;
async function application(status: string): Promise<{ id: string; reference: string }> {
  const reference = `CON-2026-${String(800000 + ++n)}`;
  const now = new Date();
  const [row] = await t.db
    .insert(applications)
    .values({
      reference,
      userId: residentId,
      type: 'constructionPermit',
      status,
      currentStep: 'review',
      lastSavedAt: now,
      statusChangedAt: now,
      submittedAt: now,
    })
    .returning({ id: applications.id });
  return { id: row!.id, reference };
}

async function staffSession(role: StaffRole, stage: 'full' | 'enrolment' = 'full') {
  const [member] = await t.db
    .insert(staffMembers)
    .values({ email: `${role}.${++n}@ottawa.ca`, name: `Agent ${n}`, role })
    .returning({ id: staffMembers.id });
  const { token } = await createStaffSession(t.db, {
    staffId: member!.id,
    stage,
    now: new Date(),
  });
  setCookie(STAFF_COOKIE, token);
  return member!.id;
}

async function written(applicationId: string) {
  const [events] = await t.db
    .select({ n: count() })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId));
  const [audit] = await t.db
    .select({ n: count() })
    .from(staffAudit)
    .where(eq(staffAudit.applicationId, applicationId));
  const [notes] = await t.db
    .select({ n: count() })
    .from(staffNotes)
    .where(eq(staffNotes.applicationId, applicationId));
  const [row] = await t.db
    .select({ status: applications.status })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return { events: events!.n, audit: audit!.n, notes: notes!.n, status: row!.status };
}

/** Every action of the page, with a form it would accept. */
const ALL = (reference: string) =>
  [
    [actions.startCheckAction, { reference, comment: '' }],
    [actions.acceptAction, { reference, comment: '' }],
    [
      actions.requestInformationAction,
      {
        reference,
        itemKind1: 'other',
        itemMessage1: 'Précisez.',
        itemKind2: '',
        itemMessage2: '',
        itemKind3: '',
        itemMessage3: '',
        message: 'Merci.',
        dueOn: '',
      },
    ],
    [actions.assignAction, { reference, assignee: '00000000-0000-4000-8000-000000000000' }],
    [actions.approveAction, { reference, conditions: '' }],
    [actions.refuseAction, { reference, reasons: 'Non conforme.' }],
    [actions.confirmWithdrawalAction, { reference, comment: '' }],
    [actions.addNoteAction, { reference, note: 'Note.' }],
  ] as const;

describe('the staff application actions', () => {
  it('STF-02: a resident’s session, or a staff session without its second factor, goes to the staff sign-in from every action, nothing written', async () => {
    const app = await application('submitted');
    const before = await written(app.id);
    await signInAs(t.db, residentId);
    for (const [action, fields] of ALL(app.reference)) {
      expect(await redirectOf(action(initial(), form(fields)))).toBe('/fr/personnel/connexion');
    }
    await staffSession('admin', 'enrolment');
    for (const [action, fields] of ALL(app.reference)) {
      expect(await redirectOf(action(initial(), form(fields)))).toBe('/fr/personnel/connexion');
    }
    expect(await written(app.id)).toEqual(before);
  });

  it('STF-02: a full staff session of a role the table does not name is refused by the action, nothing written: an inspector cannot approve, intake cannot refuse', async () => {
    const app = await application('under_review');
    const before = await written(app.id);
    await staffSession('inspector');
    const approved = await actions.approveAction(initial(), form({ reference: app.reference }));
    expect(approved.formError).toBe('StaffApplicationPage.errors.notAllowed');
    resetRequest({ ip: '198.51.100.250' });
    await staffSession('intake');
    const refused = await actions.refuseAction(
      initial(),
      form({ reference: app.reference, reasons: 'Non conforme.' }),
    );
    expect(refused.formError).toBe('StaffApplicationPage.errors.notAllowed');
    expect(refused.values.reasons).toBe('Non conforme.');
    expect(await written(app.id)).toEqual(before);
  });

  it('an examiner approves: back to the page with its notice, the status moved', async () => {
    const app = await application('under_review');
    await staffSession('examiner');
    expect(
      await redirectOf(
        actions.approveAction(initial(), form({ reference: app.reference, conditions: 'Aucune.' })),
      ),
    ).toBe(`/fr/personnel/demandes/${app.reference}?notice=approved`);
    expect(await written(app.id)).toMatchObject({
      status: 'ready_for_issuance',
      events: 1,
      audit: 1,
    });
  });

  it('bad input is answered by the field, the other answers kept, nothing written', async () => {
    const app = await application('completeness_review');
    const before = await written(app.id);
    await staffSession('intake');
    const state = await actions.requestInformationAction(
      initial(),
      form({
        reference: app.reference,
        itemKind1: 'missing_document',
        itemMessage1: '',
        itemKind2: '',
        itemMessage2: '',
        itemKind3: '',
        itemMessage3: '',
        message: 'Merci.',
        dueOn: '2026-13-45',
      }),
    );
    expect(state.fieldErrors).toEqual({
      itemMessage1: 'StaffApplicationPage.errors.itemMessage',
      dueOn: 'StaffApplicationPage.errors.dueOnInvalid',
    });
    expect(state.values.message).toBe('Merci.');
    expect(await written(app.id)).toEqual(before);
  });
});
