import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { transitionApplication, type ApplicationStatus } from '@/lib/applications/status-machine';
import { submitApplication } from '@/lib/applications/submit-application';
import { applications, invoiceLines, invoices, staffMembers } from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { STAFF_COOKIE } from '@/lib/staff/staff-cookie';
import { createStaffSession } from '@/lib/staff/staff-session';
import type { StaffRole } from '@/lib/staff/roles';
import { testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { createTestDb, type TestDb } from '../helpers/db';
import { formData, resetRequest, setCookie, signInAs } from '../helpers/next-request';
import { registeredUser } from '../helpers/registration';

/**
 * The staff forms' server actions ("Délivrer le permis", "Ajouter des frais") called as Next.js
 * calls them, through the one wrapper, on PGlite: the staff session is a real row and cookie.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);
vi.mock('next/cache', () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock('@/lib/email/deliver', () => ({ deliverOutboxSoon: () => {} }));

const { issuePermitAction, addChargeAction } =
  await import('@/app/[locale]/(staff)/staff/(area)/applications/[reference]/permit-and-charge-form-actions');

const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;
const REDIRECT = /NEXT_REDIRECT/;

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

let n = 0;
beforeEach(() => {
  n += 1;
  resetRequest({ ip: `198.51.100.${n}` });
});

const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });

/** A staff member of `role` with a full session (both factors given), its cookie in the jar. */
async function signInStaff(role: StaffRole) {
  const [member] = await t.db
    .insert(staffMembers)
    .values({ email: `${role}${n}@ottawa.ca`, name: `Agent ${n}`, role })
    .returning({ id: staffMembers.id });
  const { token } = await createStaffSession(t.db, {
    staffId: member!.id,
    stage: 'full',
    now: new Date(),
  });
  setCookie(STAFF_COOKIE, token);
  return member!.id;
}

/** A resident's submitted permit, moved by these events through the table (as staff would). */
async function applicationIn(
  events: readonly { event: 'payment_settled' | 'start_completeness_check' | 'accept_complete' }[],
) {
  const deps = testDeps(t.db);
  const userId = await registeredUser(deps, `resident${n}@example.ca`);
  const reference = await fillPermit(deps, userId);
  await submitApplication(deps, { userId, reference, declaration: DECLARATION });
  for (const { event } of events) {
    const [app] = await t.db
      .select()
      .from(applications)
      .where(eq(applications.reference, reference));
    await t.db.transaction((tx) =>
      transitionApplication(tx, {
        application: { id: app!.id, status: app!.status as ApplicationStatus },
        event,
        actor: { role: event === 'payment_settled' ? 'system' : 'intake', id: null },
        now: new Date(),
      }),
    );
  }
  const [app] = await t.db.select().from(applications).where(eq(applications.reference, reference));
  return { userId, id: app!.id, reference, status: app!.status };
}

const UNDER_REVIEW = [
  { event: 'payment_settled' },
  { event: 'start_completeness_check' },
  { event: 'accept_complete' },
] as const;

describe('staff permit and charge actions', () => {
  it('STF-02: no staff session, a resident’s session or a role the table does not allow: nothing done', async () => {
    const { userId, id, reference } = await applicationIn(UNDER_REVIEW);
    const charge = formData({
      applicationId: id,
      reference,
      amount: '100',
      description: 'Frais',
      reason: 'Motif',
    });
    // No staff session: the staff sign-in page.
    await expect(
      issuePermitAction(initial(), formData({ applicationId: id, reference })),
    ).rejects.toThrow(REDIRECT);
    // A resident's session is not a staff session.
    await signInAs(t.db, userId);
    await expect(addChargeAction(initial(), charge)).rejects.toThrow(REDIRECT);
    // Intake and inspectors: "not found".
    for (const role of ['intake', 'inspector'] as const) {
      await signInStaff(role);
      await expect(
        issuePermitAction(initial(), formData({ applicationId: id, reference })),
      ).rejects.toThrow(NOT_FOUND);
      await expect(addChargeAction(initial(), charge)).rejects.toThrow(NOT_FOUND);
    }
    const rows = await t.db.select().from(invoices).where(eq(invoices.applicationId, id));
    expect(rows.filter((r) => r.kind === 'charge')).toHaveLength(0);
  });

  it('an examiner adds a charge in dollars (stored in cents); bad amounts answer by the field, answers kept', async () => {
    const { id, reference } = await applicationIn(UNDER_REVIEW);
    await signInStaff('examiner');
    const bad = await addChargeAction(
      initial(),
      formData({
        applicationId: id,
        reference,
        amount: '12,345',
        description: '',
        reason: 'Motif',
      }),
    );
    expect(bad.fieldErrors).toEqual({
      description: 'StaffPermitAndCharge.charge.description.errors.required',
    });
    const zero = await addChargeAction(
      initial(),
      formData({
        applicationId: id,
        reference,
        amount: '0',
        description: 'Frais',
        reason: 'Motif',
      }),
    );
    expect(zero.fieldErrors).toEqual({
      amount: 'StaffPermitAndCharge.charge.amount.errors.invalid',
    });
    expect(zero.values).toMatchObject({ amount: '0', description: 'Frais', reason: 'Motif' });
    // Done: back to the application's page with its notice (post, redirect, get).
    await expect(
      addChargeAction(
        initial(),
        formData({
          applicationId: id,
          reference,
          amount: '1 500,25 $',
          description: 'Redevances d’aménagement',
          reason: 'Logement secondaire',
        }),
      ),
    ).rejects.toThrow(REDIRECT);
    const [charge] = await t.db
      .select()
      .from(invoices)
      .where(eq(invoices.applicationId, id))
      .then((rows) => rows.filter((r) => r.kind === 'charge'));
    expect(charge?.totalCents).toBe(150_025);
    const [line] = await t.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, charge!.id));
    expect(line?.labelParams).toEqual({ description: 'Redevances d’aménagement' });
  });

  it('an examiner’s "Délivrer le permis" before approval says it is not possible and changes nothing', async () => {
    const { id, reference } = await applicationIn(UNDER_REVIEW);
    await signInStaff('examiner');
    const state = await issuePermitAction(initial(), formData({ applicationId: id, reference }));
    expect(state.formError).toBe('StaffPermitAndCharge.notAllowed');
    const [app] = await t.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.status).toBe('under_review');
  });
});
