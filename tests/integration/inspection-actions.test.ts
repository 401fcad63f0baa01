import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applicationPath } from '@/lib/applications/paths';
import { applicationEvents, inspections } from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { bookingWindow } from '@/lib/inspections/booking-rules';
import { testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import { permitUpTo } from '../helpers/issued-permit';
import { NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/config';
import {
  formData,
  redirectOf,
  resetRequest,
  sessionCookieFor,
  signInAs,
} from '../helpers/next-request';
import { registeredUser } from '../helpers/registration';

/**
 * "Demander une inspection" and "Annuler l’inspection" as Next.js calls them without JavaScript
 * (previous state, FormData), through the one wrapper, on PGlite, with the real clock: the
 * answers come back with their errors; success redirects with the page's notice.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);

const { default: middleware } = await import('@/middleware');
const { requestInspectionAction, cancelInspectionAction } =
  await import('@/app/[locale]/(signed-in)/building-code-services/(registered)/applications/[reference]/inspections/actions');

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
const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

async function owner() {
  const deps = testDeps(t.db);
  const userId = await registeredUser(deps, `inspection.action.${n}@example.ca`);
  const permit = await permitUpTo(deps, userId);
  return { userId, ...permit };
}

const goodAnswers = () => ({
  type: 'framing',
  preferredOn: bookingWindow(new Date()).earliest,
  period: 'afternoon',
  contactName: 'Jean Tremblay',
  contactPhone: '613 580 2424',
});

describe('inspection actions', () => {
  it('answers field errors as message keys without JavaScript and keeps every answer', async () => {
    const { userId, reference, id } = await owner();
    await signInAs(t.db, userId);
    const answers = {
      type: 'framing',
      preferredOn: '2020-01-06',
      period: '',
      contactName: 'Jean Tremblay',
      contactPhone: '555-12',
    };
    const state = await requestInspectionAction(initial(), formData({ reference, ...answers }));
    expect(state.fieldErrors).toEqual({
      preferredOn: 'Inspections.request.preferredOn.errors.tooSoon',
      period: 'Inspections.request.period.errors.required',
      contactPhone: 'Inspections.request.contactPhone.errors.invalid',
    });
    expect(state.values).toEqual(answers);
    expect(state.messageValues).toHaveProperty('earliest');
    expect(await t.db.select().from(inspections).where(eq(inspections.applicationId, id))).toEqual(
      [],
    );
  });

  it('requests, then cancels, each going back to the application’s page with its notice', async () => {
    const { userId, reference, id } = await owner();
    await signInAs(t.db, userId);
    const to = await redirectOf(
      requestInspectionAction(initial(), formData({ reference, ...goodAnswers(), status: 'done' })),
    );
    expect(to).toBe(`${applicationPath('fr', reference)}?notice=inspectionRequested`);
    const [row] = await t.db.select().from(inspections).where(eq(inspections.applicationId, id));
    // A status posted along is never read (AUTHZ-04).
    expect(row).toMatchObject({ status: 'requested', contactPhone: '613-580-2424' });
    const back = await redirectOf(
      cancelInspectionAction(initial(), formData({ reference, inspectionId: row!.id })),
    );
    expect(back).toBe(`${applicationPath('fr', reference)}?notice=inspectionCancelled`);
    // A second press (another tab): said beside the button, nothing written twice.
    const again = await cancelInspectionAction(
      initial(),
      formData({ reference, inspectionId: row!.id }),
    );
    expect(again.formError).toBe('Inspections.section.errors.notOpen');
    const events = await t.db
      .select({ type: applicationEvents.type })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, id));
    expect(events.filter((e) => e.type.startsWith('inspection_')).map((e) => e.type)).toEqual([
      'inspection_requested',
      'inspection_cancelled',
    ]);
  });

  it('APP-01: another resident’s reference, or none, is "page not found" for both actions, and nothing is written', async () => {
    const first = await owner();
    await signInAs(t.db, first.userId);
    await redirectOf(
      requestInspectionAction(
        initial(),
        formData({ reference: first.reference, ...goodAnswers() }),
      ),
    );
    const [row] = await t.db
      .select()
      .from(inspections)
      .where(eq(inspections.applicationId, first.id));
    n += 1;
    const intruder = await registeredUser(testDeps(t.db), `intrus.inspection.${n}@example.ca`);
    await signInAs(t.db, intruder);
    for (const reference of [first.reference, 'CON-2026-999999', 'pas-une-reference']) {
      await expect(
        requestInspectionAction(
          initial(),
          formData({ reference, ...goodAnswers(), type: 'final' }),
        ),
      ).rejects.toThrow(NOT_FOUND);
      await expect(
        cancelInspectionAction(initial(), formData({ reference, inspectionId: row!.id })),
      ).rejects.toThrow(NOT_FOUND);
    }
    expect(
      await t.db.select().from(inspections).where(eq(inspections.applicationId, first.id)),
    ).toEqual([row]);
  });

  it('CSRF-01: a request from another site is refused with the answers kept, nothing written', async () => {
    const { userId, reference, id } = await owner();
    await signInAs(t.db, userId);
    const { request } = await import('../helpers/next-request');
    request.headers.set('origin', 'https://evil.example');
    request.headers.set('sec-fetch-site', 'cross-site');
    const state = await requestInspectionAction(
      initial(),
      formData({ reference, ...goodAnswers() }),
    );
    expect(state.formError).toBe('Form.sessionExpired');
    expect(await t.db.select().from(inspections).where(eq(inspections.applicationId, id))).toEqual(
      [],
    );
  });
});

describe('the request page’s gate (middleware)', () => {
  /** The status the middleware gives `path` for `userId`'s session: 404 or what follows. */
  async function statusOf(userId: string, path: string) {
    const cookie = await sessionCookieFor(t.db, userId);
    const response = await middleware(
      new NextRequest(`https://portal.test${path}`, {
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, host: 'portal.test' },
      }),
    );
    return response.status;
  }
  const page = (locale: 'fr' | 'en', reference: string) =>
    locale === 'fr'
      ? `/fr/services-du-code-du-batiment/demandes/${reference}/inspections/nouvelle`
      : `/en/building-code-services/applications/${reference}/inspections/new`;

  it('APP-01: "page not found" for another resident, a permit not issued, a type never inspected; the owner of an issued permit gets the page', async () => {
    const issued = await owner();
    n += 1;
    const deps = testDeps(t.db);
    const reviewer = await registeredUser(deps, `revue.inspection.${n}@example.ca`);
    const underReview = await permitUpTo(deps, reviewer, 'under_review');
    for (const locale of ['fr', 'en'] as const) {
      expect(await statusOf(issued.userId, page(locale, issued.reference))).toBe(200);
      expect(await statusOf(reviewer, page(locale, issued.reference))).toBe(404);
      expect(await statusOf(reviewer, page(locale, underReview.reference))).toBe(404);
      expect(await statusOf(issued.userId, page(locale, 'RCO-2026-000001'))).toBe(404);
    }
  });
});
