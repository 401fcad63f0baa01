import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { applicationPath } from '@/lib/applications/paths';
import { applications, users } from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { schemaFields } from '@/lib/forms/form-action';
import { clientRecordRowSchema } from '@/lib/clients/import-client-records';
import { localizedPath } from '@/lib/i18n/navigation';
import { PROFILE_FIELDS, profileSchema } from '@/lib/registration/profile-schema';
import { ClientIpUnavailable } from '@/lib/security/client-ip';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { GOOD_PASSWORD, outbox, testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import { fillPermit } from '../helpers/applications';
import { formData, redirectOf, request, resetRequest, signInAs } from '../helpers/next-request';
import { PROFILE, activeUser, consentedUser, registeredUser } from '../helpers/registration';

/**
 * The server actions themselves, called as Next.js calls them (previous state, FormData), through
 * the one wrapper, on PGlite: the request is a set of headers and a cookie jar, the rest is real.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);

const { createAccountAction } = await import('@/app/[locale]/(public)/create-account/actions');
const { forgotPasswordAction } = await import('@/app/[locale]/(public)/forgot-password/actions');
const { setLanguageAction } = await import('@/app/[locale]/(signed-in)/settings/language/actions');
const { requestEmailChangeAction } =
  await import('@/app/[locale]/(signed-in)/settings/email/actions');
const { consentAction } =
  await import('@/app/[locale]/(signed-in)/building-code-services/register/actions');
const { saveContactDetailsAction } =
  await import('@/app/[locale]/(signed-in)/settings/contact-details/edit/actions');
const { resendActivationAction } =
  await import('@/app/[locale]/(public)/resend-activation/actions');
const {
  submitApplicationAction,
  saveStepAction,
  deleteDraftAction,
  requestWithdrawalAction,
  respondToRequestAction,
  startPaymentAction,
  testPaymentAction,
} =
  await import('@/app/[locale]/(signed-in)/building-code-services/(registered)/applications/actions');

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

/** What Next.js's notFound() throws: the page answers the localized 404. */
const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

/** Where an action redirected to, or throws if it answered instead. */

const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });
const newAccount = (email: string) => ({
  email,
  emailConfirm: email,
  password: GOOD_PASSWORD,
  passwordConfirm: GOOD_PASSWORD,
  acceptTerms: 'on',
});

describe('the form-action wrapper', () => {
  it('CSRF-01: refuses a request from another site, keeps the answers but no password, writes nothing', async () => {
    request.headers.set('origin', 'https://evil.example');
    request.headers.set('sec-fetch-site', 'cross-site');
    const state = await createAccountAction(initial(), formData(newAccount('csrf@example.ca')));
    expect(state.formError).toBe('Form.sessionExpired');
    expect(state.values).toEqual({
      email: 'csrf@example.ca',
      emailConfirm: 'csrf@example.ca',
      acceptTerms: 'on',
    });
    const rows = await t.db.select().from(users).where(eq(users.email, 'csrf@example.ca'));
    expect(rows).toHaveLength(0);
  });

  it('CSRF-01: refuses a request that says nothing of where it comes from', async () => {
    request.headers.delete('origin');
    request.headers.delete('sec-fetch-site');
    const state = await forgotPasswordAction(initial(), formData({ email: 'a@example.ca' }));
    expect(state.formError).toBe('Form.sessionExpired');
  });

  it('VAL-01: answers field errors as message keys, keeps the other answers, never a password', async () => {
    const state = await createAccountAction(
      initial(),
      formData({ ...newAccount('pas-une-adresse'), emailConfirm: 'autre@example.ca' }),
    );
    expect(state.fieldErrors.email).toMatch(/^Fields\.email\.errors\./);
    expect(state.fieldErrors.emailConfirm).toBe('Fields.emailConfirm.errors.mismatch');
    expect(state.fieldErrors.password).toBeUndefined();
    expect(state.values).toEqual({
      email: 'pas-une-adresse',
      emailConfirm: 'autre@example.ca',
      acceptTerms: 'on',
    });
    expect(JSON.stringify(state)).not.toContain(GOOD_PASSWORD);
  });

  it('REG-05: counts invalid sign-up forms against the address limit: the 21st is refused', async () => {
    const bad = formData({ ...newAccount('x@example.ca'), emailConfirm: '' });
    for (let i = 0; i < 20; i++) {
      const state = await createAccountAction(initial(), bad);
      expect(state.fieldErrors.emailConfirm).toBe('Fields.emailConfirm.errors.required');
    }
    const refused = await createAccountAction(initial(), bad);
    expect(refused).toMatchObject({ formError: 'Form.tooManyRequests', fieldErrors: {} });
    // Another client address is not affected.
    request.headers.set('x-forwarded-for', '192.0.2.77');
    const other = await createAccountAction(initial(), bad);
    expect(other.formError).toBeUndefined();
  });

  it('LOG-06: a client rotating X-Real-IP (trusted by no configuration) is still refused at the 21st sign-up', async () => {
    const bad = formData({ ...newAccount('x@example.ca'), emailConfirm: '' });
    for (let i = 0; i < 20; i++) {
      request.headers.set('x-real-ip', `10.9.0.${i}`);
      await createAccountAction(initial(), bad);
    }
    request.headers.set('x-real-ip', '10.9.1.1');
    const refused = await createAccountAction(initial(), bad);
    expect(refused).toMatchObject({ formError: 'Form.tooManyRequests', fieldErrors: {} });
  });

  it('LOG-06: a request without a client address is refused, not counted in a shared bucket', async () => {
    request.headers.delete('x-forwarded-for');
    const bad = formData({ ...newAccount('x@example.ca'), emailConfirm: '' });
    await expect(createAccountAction(initial(), bad)).rejects.toThrow(ClientIpUnavailable);
  });

  it('redirects on success: a new account goes to "check your email" with its link queued', async () => {
    const to = await redirectOf(
      createAccountAction(initial(), formData(newAccount('nouveau.compte@example.ca'))),
    );
    expect(to).toBe(localizedPath('/create-account/check-email', 'fr'));
    const mails = await outbox(t.db);
    expect(mails.some((m) => m.toAddress === 'nouveau.compte@example.ca')).toBe(true);
  });

  it('AUTHZ-01: a signed-in action without a session goes to the login page, changing nothing', async () => {
    const to = await redirectOf(setLanguageAction(initial(), formData({ language: 'en' })));
    expect(to.startsWith(localizedPath('/login', 'fr'))).toBe(true);
  });

  it('VAL-01: an unknown language is a field error; a known one is saved for the signed-in person', async () => {
    const userId = await activeUser(testDeps(t.db), 'langue@example.ca');
    await signInAs(t.db, userId);
    const wrong = await setLanguageAction(initial(), formData({ language: 'de' }));
    expect(wrong.fieldErrors).toEqual({ language: 'SettingsLanguagePage.errors.required' });
    const to = await redirectOf(setLanguageAction(initial(), formData({ language: 'en' })));
    expect(to).toBe(`${localizedPath('/settings', 'fr')}?notice=languageSaved`);
    const [row] = await t.db
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, userId));
    expect(row!.locale).toBe('en');
  });

  it('maps a domain refusal to the field it concerns: a wrong current password', async () => {
    const userId = await activeUser(testDeps(t.db), 'courriel@example.ca');
    await signInAs(t.db, userId);
    const state = await requestEmailChangeAction(
      initial(),
      formData({
        newEmail: 'nouvelle@example.ca',
        newEmailConfirm: 'nouvelle@example.ca',
        currentPassword: 'pas le bon mot de passe',
      }),
    );
    expect(state.fieldErrors).toEqual({
      currentPassword: 'SettingsEmailPage.currentPassword.errors.invalid',
    });
    expect(state.values).toEqual({
      newEmail: 'nouvelle@example.ca',
      newEmailConfirm: 'nouvelle@example.ca',
    });
  });

  it('AUTHZ-04: reads only the fields its schema names; a userId sent along is never looked at', async () => {
    const userId = await activeUser(testDeps(t.db), 'consent@example.ca');
    const other = await activeUser(testDeps(t.db), 'autre.personne@example.ca');
    await signInAs(t.db, userId);
    const without = await consentAction(initial(), formData({ ...PROFILE, userId: other }));
    expect(without.fieldErrors).toEqual({ consent: 'RegisterPage.consentErrors.required' });
    expect(without.values).not.toHaveProperty('userId');
    expect(without.values).toMatchObject({ firstName: 'Jean', province: 'ON', consent: '' });
    const to = await redirectOf(
      consentAction(initial(), formData({ ...PROFILE, consent: 'on', userId: other })),
    );
    expect(to).toBe(localizedPath('/building-code-services/register/client-record', 'fr'));
  });
});

describe('the submit action', () => {
  it('APP-03: a submit posted with an amount, a fee, a status or an owner of its own changes none of them', async () => {
    const deps = testDeps(t.db);
    const userId = await registeredUser(deps, 'montant@example.ca');
    const other = await activeUser(deps, 'autre.montant@example.ca');
    const reference = await fillPermit(deps, userId);
    await signInAs(t.db, userId);
    const to = await redirectOf(
      submitApplicationAction(
        initial(),
        formData({
          reference,
          declaration: 'on',
          amount: '1',
          feeCents: '100',
          totalCents: '100',
          status: 'issued',
          userId: other,
        }),
      ),
    );
    expect(to).toBe(`${applicationPath('fr', reference)}?notice=submitted`);
    const [row] = await t.db
      .select({
        userId: applications.userId,
        status: applications.status,
        fee: applications.feeCents,
      })
      .from(applications)
      .where(eq(applications.reference, reference));
    // $250,000 of work at the schedule's $10.75 per $1,000, whatever the form said.
    expect(row).toEqual({ userId, status: 'payment_required', fee: 268_750 });
  });

  it('APP-01: every application action answers "page not found" for another resident\'s reference, or one that does not exist, and writes nothing', async () => {
    const deps = testDeps(t.db);
    const owner = await registeredUser(deps, 'proprietaire@example.ca');
    const intruder = await registeredUser(deps, 'intrus@example.ca');
    const reference = await fillPermit(deps, owner);
    const before = await t.db
      .select()
      .from(applications)
      .where(eq(applications.reference, reference));
    await signInAs(t.db, intruder);
    for (const target of [reference, 'CON-2026-999999']) {
      const save = formData({
        reference: target,
        step: 'location',
        intent: 'save',
        street: 'rue Elgin',
      });
      await expect(saveStepAction(initial(), save)).rejects.toThrow(NOT_FOUND);
      const submit = formData({ reference: target, declaration: 'on' });
      await expect(submitApplicationAction(initial(), submit)).rejects.toThrow(NOT_FOUND);
      await expect(deleteDraftAction(formData({ reference: target }))).rejects.toThrow(NOT_FOUND);
      await expect(requestWithdrawalAction(formData({ reference: target }))).rejects.toThrow(
        NOT_FOUND,
      );
      await expect(startPaymentAction(formData({ reference: target }))).rejects.toThrow(NOT_FOUND);
      const answer = formData({ reference: target, message: 'Voici les documents.' });
      await expect(respondToRequestAction(initial(), answer)).rejects.toThrow(NOT_FOUND);
    }
    expect(
      await t.db.select().from(applications).where(eq(applications.reference, reference)),
    ).toEqual(before);
  });
});

describe('payment actions', () => {
  it('APP-01, PAY-02: "Payer" and the test provider’s buttons answer "page not found" for another resident, paying nothing', async () => {
    const deps = testDeps(t.db);
    const owner = await registeredUser(deps, 'payeur@example.ca');
    const intruder = await registeredUser(deps, 'intrus-paiement@example.ca');
    const reference = await fillPermit(deps, owner);
    const { submitApplication } = await import('@/lib/applications/submit-application');
    const { startPayment } = await import('@/lib/payments/start-payment');
    const { testProvider } = await import('@/lib/payments/test-provider');
    const { paymentAttempts } = await import('@/lib/db/schema');
    await submitApplication(deps, {
      userId: owner,
      reference,
      declaration: { text: 'Je déclare…', locale: 'fr' },
    });
    const started = await startPayment(
      { ...deps, provider: testProvider() },
      { userId: owner, reference, locale: 'fr', description: reference },
    );
    if (started.status !== 'redirect') throw new Error(started.status);
    const session = new URL(started.url, 'https://portal.test').searchParams.get('session')!;
    await signInAs(t.db, intruder);
    await expect(startPaymentAction(formData({ reference }))).rejects.toThrow(NOT_FOUND);
    for (const outcome of ['pay', 'refuse', 'cancel']) {
      await expect(testPaymentAction(formData({ reference, session, outcome }))).rejects.toThrow(
        NOT_FOUND,
      );
    }
    const [attempt] = await t.db
      .select({ status: paymentAttempts.status })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, started.attemptId));
    expect(attempt).toEqual({ status: 'open' });
    expect(
      (await t.db.select().from(applications).where(eq(applications.reference, reference)))[0]
        ?.status,
    ).toBe('payment_required');
  });
});

describe('schemaFields', () => {
  it('names the fields of a plain, a refined and a transformed object schema', () => {
    expect(schemaFields(z.object({ a: z.string(), b: z.string() }))).toEqual(['a', 'b']);
    expect(schemaFields(profileSchema)).toContain('postalCode');
    const refined = z.object({ a: z.string() }).superRefine(() => undefined);
    expect(schemaFields(refined)).toEqual(['a']);
  });
});

/** The bidirectional controls (embedding, override, isolate) and the line/paragraph separators. */
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const SEPARATORS = ['\u2028', '\u2029'];

/** The French and English texts of a message key: both exist, and differ (translated). */
function texts(key: string): [string, string] {
  const lookup = (messages: unknown) =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
  const [inFr, inEn] = [lookup(fr), lookup(en)];
  expect(typeof inFr, `${key} in fr.json`).toBe('string');
  expect(typeof inEn, `${key} in en.json`).toBe('string');
  expect(inFr).not.toBe(inEn);
  return [inFr as string, inEn as string];
}

describe('confusable text (VAL-01, REG-03)', () => {
  it('REG-03: every email field refuses bidirectional controls and non-ASCII local parts, with a localized message', async () => {
    const refused = [
      ...BIDI.map((c) => `jean${c}@example.ca`),
      `moc.elpmaxe@\u202enaej`,
      'p\u0430ul@example.ca', // Cyrillic а: looks like paul@example.ca
      'résident@example.ca',
    ];
    const userId = await activeUser(testDeps(t.db), 'bidi.owner@example.ca');
    for (const email of refused) {
      const created = await createAccountAction(initial(), formData(newAccount(email)));
      expect(created.fieldErrors.email, email).toBe('Fields.email.errors.characters');
      const forgot = await forgotPasswordAction(initial(), formData({ email }));
      expect(forgot.fieldErrors.email, email).toBe('Fields.email.errors.characters');
      const resend = await resendActivationAction(initial(), formData({ email }));
      expect(resend.fieldErrors.email, email).toBe('Fields.email.errors.characters');
      await signInAs(t.db, userId);
      const changed = await requestEmailChangeAction(
        initial(),
        formData({ newEmail: email, newEmailConfirm: email, currentPassword: GOOD_PASSWORD }),
      );
      expect(changed.fieldErrors.newEmail, email).toBe(
        'SettingsEmailPage.newEmail.errors.characters',
      );
      request.cookies.clear();
    }
    texts('Fields.email.errors.characters');
    texts('SettingsEmailPage.newEmail.errors.characters');
    // Nothing was created or sent.
    expect(
      await t.db
        .select()
        .from(users)
        .where(eq(users.email, refused[0]!.normalize('NFC'))),
    ).toEqual([]);
    const mails = await outbox(t.db);
    expect(mails.filter((m) => refused.includes(m.toAddress))).toEqual([]);
    // The same address typed in ASCII is fine.
    expect(
      await redirectOf(createAccountAction(initial(), formData(newAccount('paul@example.ca')))),
    ).toBe(localizedPath('/create-account/check-email', 'fr'));
  });

  it('VAL-01: every name and address field refuses bidirectional controls and line/paragraph separators, with a localized message', async () => {
    const textFields = ['firstName', 'lastName', 'unit', 'address1', 'address2', 'city'] as const;
    for (const field of textFields) {
      for (const c of [...BIDI, ...SEPARATORS]) {
        const parsed = profileSchema.safeParse({ ...PROFILE, [field]: `Jean${c}Tremblay` });
        expect(parsed.success, `${field} with U+${c.codePointAt(0)!.toString(16)}`).toBe(false);
        expect(parsed.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
          [field, `Profile.${field}.errors.invalid`],
        ]);
      }
      const [inFr, inEn] = texts(`Profile.${field}.errors.invalid`);
      expect(inFr).toContain('invisibles');
      expect(inEn).toContain('hidden');
    }
    expect(PROFILE_FIELDS).toEqual(expect.arrayContaining([...textFields]));

    // Through the forms that carry the profile: consent, then contact details.
    const consenting = await activeUser(testDeps(t.db), 'bidi.consent@example.ca');
    await signInAs(t.db, consenting);
    const consent = await consentAction(
      initial(),
      formData({
        ...PROFILE,
        firstName: 'Jean\u202eenialE',
        city: 'Ottawa\u2028Gatineau',
        consent: 'on',
      }),
    );
    expect(consent.fieldErrors).toEqual({
      firstName: 'Profile.firstName.errors.invalid',
      city: 'Profile.city.errors.invalid',
    });
    const registered = await consentedUser(testDeps(t.db), 'bidi.details@example.ca');
    await signInAs(t.db, registered);
    const details = await saveContactDetailsAction(
      initial(),
      formData({ ...PROFILE, lastName: '\u2067Tremblay\u2069', address1: '110\u2029Laurier' }),
    );
    expect(details.fieldErrors).toEqual({
      lastName: 'Profile.lastName.errors.invalid',
      address1: 'Profile.address1.errors.invalid',
    });
  });

  it('VAL-01: the client-record import refuses the same characters in names and addresses', () => {
    const row = {
      clientNumber: '',
      firstName: 'Jean',
      lastName: 'Tremblay',
      address: '110 Laurier',
    };
    expect(clientRecordRowSchema.safeParse(row).success).toBe(true);
    for (const field of ['firstName', 'lastName', 'address'] as const) {
      for (const c of [...BIDI, ...SEPARATORS]) {
        const parsed = clientRecordRowSchema.safeParse({ ...row, [field]: `Jean${c}Tremblay` });
        expect(parsed.success, `${field} with U+${c.codePointAt(0)!.toString(16)}`).toBe(false);
      }
    }
  });
});
