/**
 * Every state of every page, in the order one visit reaches them: each page as it opens and, for
 * forms, submitted empty with its errors showing; check-email, sent and notice pages; dead links;
 * page not found; the idle-session warning. One visit per language, as one new resident: it
 * creates an account, activates it, registers for Building Code Services, asks to change its
 * email, signs out and asks for a new password.
 *
 * Walked by the accessibility spec (which audits each state) and by `npm run screenshots`
 * (which photographs each one): a state added here is audited and photographed alike.
 */
import { PDF_BYTES, uploadTo } from './applications';
import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { isLocale, routing, type AppPathname } from '../../../lib/i18n/routing';
import {
  MESSAGES,
  PASSWORD,
  activationLink,
  clientPinFor,
  expect as baseExpect,
  fillConsent,
  fillCreateAccount,
  mailCount,
  signIn,
  staffCreated,
  uniqueEmail,
  waitForHydration,
  waitForMail,
  type Locale,
} from './fixtures';

// The e2e config's timeout, also when the screenshot script walks the tour outside Playwright Test.
const expect = baseExpect.configure({ timeout: 10_000 });

export type Messages = (typeof MESSAGES)[Locale];

/** The fields a state's form must have, by name: the accessibility spec's FIELDS. */
export type FieldSet =
  | 'login'
  | 'createAccount'
  | 'email'
  | 'activate'
  | 'reset'
  | 'profile'
  | 'settingsPassword'
  | 'settingsEmail'
  | 'pin'
  | 'applicant'
  | 'location'
  | 'workDetails'
  | 'documents'
  | 'staffLogin'
  | 'staffCode'
  | 'staffQueue'
  | 'staffApplication'
  | 'staffMember'
  | 'staffSupport'
  | 'staffClientPins'
  | 'staffNote'
  | 'inspectionRequest'
  | 'staffInspections'
  | 'staffInspection'
  | 'staffInspectionScheduled'
  | 'none';

/** One walk through the portal, in one language, as one new resident. */
export interface Tour {
  page: Page;
  locale: Locale;
  m: Messages;
  /** The account the tour creates, activates and signs in with. */
  email: string;
  /** The address it asks to move to (Mes paramètres › Courriel). */
  newEmail: string;
  /** Its application's reference, once submitted ('CON-2026-000123'). */
  reference?: string;
  /** The day it asked an inspection for ('2026-12-08'). */
  inspectionDay?: string;
}

export interface PageState {
  /** The page, as a file name: 'create-account'. */
  page: string;
  /** Its state, as a file name: 'normal', 'errors' (submitted empty), 'sent', 'dead-link'… */
  state: string;
  /** What reports call it: 'create account'. */
  label: string;
  /** The form's error summary shows (and the title starts with "Erreur : "). */
  errors?: true;
  /** "Page introuvable" is the expected answer. */
  notFound?: true;
  /** The fields its form must have. */
  fields: FieldSet;
  /** Brings the tour's page from the previous state into this one. */
  reach(tour: Tour): Promise<void>;
}

/**
 * The public path of a route, read from the routing table. (Not next-intl's `getPathname`:
 * Playwright loads specs in plain Node, where next-intl's navigation module does not load, since
 * it imports `next/navigation` without a file extension.)
 */
export function at(route: AppPathname, locale: Locale): string {
  const entry = routing.pathnames[route];
  const local = typeof entry === 'string' ? entry : entry[locale];
  return local === '/' ? `/${locale}` : `/${locale}${local}`;
}

/** The public path of a route with parameters: the values in place of `[reference]`… */
export function atWith(route: AppPathname, locale: Locale, params: Record<string, string>): string {
  return at(route, locale).replace(/\[(\w+)\]/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`no value for [${key}] in ${route}`);
    return encodeURIComponent(value);
  });
}

/** The route of a public path ('/fr/connexion' → '/login'), or null outside the table. */
export function routeOf(publicPath: string): AppPathname | null {
  const locale = publicPath.split('/')[1];
  if (!isLocale(locale)) return null;
  const path = publicPath.replace(/(.)\/+$/, '$1');
  const keys = Object.keys(routing.pathnames) as AppPathname[];
  // A route with parameters matches any value of each (one path segment).
  const pattern = (key: AppPathname) =>
    new RegExp(`^${at(key, locale).replace(/\[\w+\]/g, '[^/]+')}$`);
  return (
    keys.find((key) => !key.includes('[') && at(key, locale) === path) ??
    keys.find((key) => key.includes('[') && pattern(key).test(path)) ??
    null
  );
}

/** Waits until React has hydrated the page: a submit then goes through the server action. */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return Boolean(main) && Object.keys(main!).some((key) => key.startsWith('__reactFiber'));
  });
}

export function startTour(page: Page, locale: Locale, tag: string): Tour {
  return {
    page,
    locale,
    m: MESSAGES[locale],
    email: uniqueEmail(`${tag}-${locale}`),
    newEmail: uniqueEmail(`${tag}-moved-${locale}`),
  };
}

/** Brings the page into `state` and waits until it is all there (title, error summary). */
export async function enter(tour: Tour, state: PageState): Promise<void> {
  await state.reach(tour);
  // Next.js streams the <title> of a dynamic page after its body.
  await expect(tour.page).toHaveTitle(/\S/);
  if (state.errors) {
    await expect(tour.page.getByRole('alert', { name: tour.m.ErrorSummary.title })).toBeVisible();
  }
}

const submit = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).click();

/** A form page as it opens, then submitted empty. */
function form(
  page: string,
  label: string,
  fields: FieldSet,
  open: (tour: Tour) => Promise<void>,
  button: (m: Messages) => string,
): PageState[] {
  return [
    { page, state: 'normal', label, fields, reach: open },
    {
      page,
      state: 'errors',
      label,
      fields,
      errors: true,
      reach: (t) => submit(t.page, button(t.m)),
    },
  ];
}

/** Opens a signed-out or signed-in page by its route and waits for React. */
const open =
  (route: AppPathname) =>
  async ({ page, locale }: Tour) => {
    await page.goto(at(route, locale));
    await hydrated(page);
  };

/** A staff application page's move: its form, by its title; a text to fill in, by label. */
async function act(page: Page, title: string, button: string, fill?: Record<string, string>) {
  const form = page.getByRole('form', { name: title });
  for (const [label, value] of Object.entries(fill ?? {})) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
  await form.getByRole('button', { name: button, exact: true }).click();
}

/** The tour's application's reference, remembered when it was submitted. */
function referenceOf(tour: Tour): string {
  if (!tour.reference) throw new Error('the tour has not submitted its application yet');
  return tour.reference;
}

/** The resident's page of the tour's application. */
const applicationPath = (tour: Tour) =>
  atWith('/building-code-services/applications/[reference]', tour.locale, {
    reference: referenceOf(tour),
  });

/** What the inspector asks to fix, in the tour's language: the resident's page shows it. */
const TO_FIX = {
  fr: 'Ajouter les boulons d’ancrage aux semelles.',
  en: 'Add the anchor bolts to the footings.',
} as const satisfies Record<Locale, string>;

const STAFF_PASSWORD = 'lanterne verte sous la pluie';

const DEAD_LINK = `?token=${'x'.repeat(43)}`;

const SETTINGS_FORMS = [
  ['/settings/contact-details/edit', 'profile', (m: Messages) => m.SettingsContactEditPage.submit],
  ['/settings/language', 'none', (m: Messages) => m.SettingsLanguagePage.submit],
  ['/settings/password', 'settingsPassword', (m: Messages) => m.SettingsPasswordPage.submit],
  ['/settings/email', 'settingsEmail', (m: Messages) => m.SettingsEmailPage.submit],
] as const;

export const PAGE_STATES: readonly PageState[] = [
  // Signed out. The portal's root is the login page.
  ...form(
    'login',
    'login',
    'login',
    async ({ page, locale }) => {
      await page.goto(`/${locale}`);
      await expect(page).toHaveURL(at('/login', locale));
      await hydrated(page);
    },
    (m) => m.LoginPage.submit,
  ),
  {
    // A protected page sends a signed-out person here, and the page says why.
    page: 'login',
    state: 'sign-in-required',
    label: 'login, sent by a protected page',
    fields: 'login',
    async reach({ page, locale, m }) {
      await page.goto(at('/settings', locale));
      await expect(page).toHaveURL(new RegExp(`${at('/login', locale)}\\?callbackUrl=`));
      await expect(page.getByRole('status')).toHaveText(m.LoginPage.notices.signInRequired);
      await hydrated(page);
    },
  },
  {
    page: 'login',
    state: 'timed-out',
    label: 'login, signed out after the idle timeout',
    fields: 'login',
    async reach({ page, locale }) {
      await page.goto(`${at('/login', locale)}?notice=timedOut`);
      await hydrated(page);
    },
  },
  ...form(
    'create-account',
    'create account',
    'createAccount',
    open('/create-account'),
    (m) => m.CreateAccountPage.submit,
  ),
  {
    // One mistake elsewhere: the passwords, never sent back, are asked for again.
    page: 'create-account',
    state: 'password-again',
    label: 'create account, passwords to enter again',
    fields: 'createAccount',
    errors: true,
    async reach({ page, locale, email }) {
      await fillCreateAccount(page, locale, { email, emailConfirm: `x${email}` });
    },
  },
  {
    page: 'check-email',
    state: 'normal',
    label: 'check your email',
    fields: 'none',
    async reach({ page, locale, email }) {
      await fillCreateAccount(page, locale, { email });
      await expect(page).toHaveURL(at('/create-account/check-email', locale));
    },
  },
  {
    page: 'check-email',
    state: 'too-many-requests',
    label: 'check your email, too many requests',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(`${at('/create-account/check-email', locale)}?limited=1`);
    },
  },
  ...form(
    'resend-activation',
    'resend activation',
    'email',
    open('/resend-activation'),
    (m) => m.ResendActivationPage.submit,
  ),
  ...form(
    'forgot-password',
    'forgot password',
    'email',
    open('/forgot-password'),
    (m) => m.ForgotPasswordPage.submit,
  ),
  {
    page: 'forgot-password',
    state: 'sent',
    label: 'forgot password, sent',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(`${at('/forgot-password', locale)}?sent=1`);
    },
  },
  ...(['/activate', '/reset-password', '/confirm-email'] as const).map((route): PageState => ({
    page: route.slice(1),
    state: 'dead-link',
    label: `${route}, dead link`,
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at(route, locale) + DEAD_LINK);
    },
  })),
  {
    page: 'help',
    state: 'signed-out',
    label: 'help, signed out',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/help', locale));
    },
  },
  {
    page: 'page-not-found',
    state: 'normal',
    label: 'page not found',
    fields: 'none',
    notFound: true,
    async reach({ page, locale }) {
      await page.goto(`/${locale}/${locale === 'fr' ? 'page-inconnue' : 'unknown-page'}`);
    },
  },

  // The activation link; then signed in.
  ...form(
    'activate',
    'activate',
    'activate',
    async ({ page, locale, email }) => {
      await page.goto(activationLink(await waitForMail(email)));
      await waitForHydration(page, locale);
    },
    (m) => m.ActivatePage.submit,
  ),
  {
    page: 'dashboard',
    state: 'activated',
    label: 'dashboard, just activated',
    fields: 'none',
    async reach({ page, locale, m }) {
      await page.getByLabel(m.ActivatePage.password, { exact: true }).fill(PASSWORD);
      await submit(page, m.ActivatePage.submit);
      await expect(page).toHaveURL(`${at('/dashboard', locale)}?notice=activated`);
      await expect(page.getByRole('status')).toHaveText(m.DashboardPage.activated);
    },
  },
  {
    page: 'dashboard',
    state: 'normal',
    label: 'dashboard',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/dashboard', locale));
    },
  },
  {
    page: 'help',
    state: 'signed-in',
    label: 'help, signed in',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/help', locale));
    },
  },
  {
    page: 'settings',
    state: 'normal',
    label: 'settings',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/settings', locale));
    },
  },
  ...SETTINGS_FORMS.flatMap(([route, fields, button]): PageState[] => {
    const [normal, errors] = form(
      route.slice(1).replaceAll('/', '-'),
      route,
      fields,
      open(route),
      button,
    );
    return [
      normal!,
      {
        ...errors!,
        async reach(tour) {
          // The language form starts with an answer: take it away to see its error.
          await tour.page
            .locator('main input[type="radio"]')
            .evaluateAll((radios) =>
              radios.forEach((r) => ((r as HTMLInputElement).checked = false)),
            );
          await errors!.reach(tour);
        },
      },
    ];
  }),

  // Building Code Services: consent, client record, then the registered area.
  ...form(
    'building-consent',
    'consent',
    'profile',
    async ({ page, locale }) => {
      await page.goto(at('/building-code-services', locale));
      await expect(page).toHaveURL(at('/building-code-services/register', locale));
      await hydrated(page);
    },
    (m) => m.RegisterPage.submit,
  ),
  ...form(
    'building-client-record',
    'client record',
    'pin',
    async ({ page, locale }) => {
      await fillConsent(page, locale);
      await expect(page).toHaveURL(at('/building-code-services/register/client-record', locale));
      await hydrated(page);
    },
    (m) => m.ClientRecordPage.linkSubmit,
  ),
  {
    page: 'building-home',
    state: 'normal',
    label: 'Building Code Services home',
    fields: 'none',
    async reach({ page, locale, m }) {
      await submit(page, m.ClientRecordPage.skipSubmit);
      await expect(page).toHaveURL(at('/building-code-services', locale));
    },
  },
  ...form(
    'building-profile',
    'Building Code Services profile',
    'pin',
    open('/building-code-services/profile'),
    (m) => m.ClientRecordPage.linkSubmit,
  ),
  // One profile: the details given at registration in "Mes coordonnées", and a "Modifier" of
  // "Mon profil" through the one edit form and back.
  {
    page: 'settings-contact-details',
    state: 'normal',
    label: 'my contact details',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/settings/contact-details', locale));
    },
  },
  {
    page: 'settings-contact-details-edit',
    state: 'from-profile',
    label: 'change contact details, from the profile',
    fields: 'profile',
    async reach({ page, locale, m }) {
      await page.goto(at('/building-code-services/profile', locale));
      await page
        .getByRole('link', { name: `${m.Profile.change} ${m.Profile.phone.label}`, exact: true })
        .click();
      await expect(page).toHaveURL(
        `${at('/settings/contact-details/edit', locale)}?from=profile#phone`,
      );
      await hydrated(page);
    },
  },
  {
    page: 'building-profile',
    state: 'contact-saved',
    label: 'Building Code Services profile, contact details saved',
    fields: 'pin',
    async reach({ page, locale, m }) {
      const phone = `${m.Profile.phone.label} ${m.Form.required}`;
      await page.getByLabel(phone, { exact: true }).fill('613 555 0199');
      await submit(page, m.SettingsContactEditPage.submit);
      await expect(page).toHaveURL(
        `${at('/building-code-services/profile', locale)}?notice=contactSaved`,
      );
    },
  },
  {
    // Linked with a PIN: the notice shows a masked detail of the record (issue 15, item 10).
    page: 'building-profile',
    state: 'linked',
    label: 'Building Code Services profile, just linked',
    fields: 'none',
    async reach({ page, locale, m }) {
      const pin = clientPinFor(locale === 'fr' ? '9100009' : '9100010');
      await page.getByLabel(m.ClientRecordPage.pin, { exact: true }).fill(pin);
      await submit(page, m.ClientRecordPage.linkSubmit);
      await expect(page).toHaveURL(`${at('/building-code-services/profile', locale)}?linked=1`);
    },
  },

  // Applications (issue 16): start, each kind of step, errors, the review, the submitted page.
  {
    page: 'application-new',
    state: 'normal',
    label: 'start an application',
    fields: 'none',
    async reach({ page, locale }) {
      await page.goto(at('/building-code-services/applications/new', locale));
    },
  },
  ...form(
    'application-getting-started',
    'application, getting started',
    'none',
    async ({ page, locale, m }) => {
      const name = m.Applications.types.constructionPermit.name.toLowerCase();
      await page
        .getByRole('link', { name: m.ApplicationPages.new.start.replace('{type}', name) })
        .click();
      await expect(page).toHaveURL(`${at('/building-code-services/applications/new', locale)}/CON`);
      await hydrated(page);
    },
    (m) => m.ApplicationPages.step.next,
  ),
  {
    page: 'application-applicant',
    state: 'normal',
    label: 'application, applicant',
    fields: 'applicant',
    async reach({ page, m }) {
      const f = m.Applications.fields;
      await page.getByLabel(f.projectDescription.options.house, { exact: true }).check();
      await page.getByLabel(f.buildingType.options.detached, { exact: true }).check();
      await page.getByLabel(f.workScope.options.addition, { exact: true }).check();
      await submit(page, m.ApplicationPages.step.next);
      await expect(page).toHaveURL(/\/2$/);
      await hydrated(page);
    },
  },
  {
    page: 'application-location',
    state: 'normal',
    label: 'application, project location',
    fields: 'location',
    async reach({ page, m }) {
      await page
        .getByLabel(m.Applications.fields.applicantRole.options.owner, { exact: true })
        .check();
      await submit(page, m.ApplicationPages.step.next);
      await expect(page).toHaveURL(/\/3$/);
      await hydrated(page);
    },
  },
  ...form(
    'application-work-details',
    'application, work details',
    'workDetails',
    async ({ page, locale, m }) => {
      const f = m.Applications.fields;
      await page.getByLabel(f.civicNumber.label, { exact: true }).fill('110');
      await page
        .getByLabel(f.street.label, { exact: true })
        .fill(locale === 'fr' ? 'avenue Laurier Ouest' : 'Laurier Avenue West');
      await page.getByLabel(f.sitePostalCode.label, { exact: true }).fill('K1P 1J1');
      await submit(page, m.ApplicationPages.step.next);
      await expect(page).toHaveURL(/\/4$/);
      await hydrated(page);
    },
    (m) => m.ApplicationPages.step.next,
  ),
  {
    page: 'application-documents',
    state: 'normal',
    label: 'application, documents',
    fields: 'documents',
    async reach({ page, locale, m }) {
      const f = m.Applications.fields;
      // Free text in the tour's language: the language check reads it back on the review.
      const house = locale === 'fr' ? 'Maison' : 'House';
      await page
        .getByLabel(f.workDescription.label, { exact: true })
        .fill(locale === 'fr' ? 'Agrandissement arrière' : 'Rear addition');
      await page.getByLabel(f.constructionValue.label, { exact: true }).fill('85000');
      await page.getByLabel(f.workArea.label, { exact: true }).fill('24');
      await page.getByLabel(f.currentUse.label, { exact: true }).fill(house);
      await page.getByLabel(f.proposedUse.label, { exact: true }).fill(house);
      await page.getByLabel(f.dwellingUnits.label, { exact: true }).fill('1');
      await submit(page, m.ApplicationPages.step.next);
      await expect(page).toHaveURL(/\/5$/);
    },
  },
  ...form(
    'application-review',
    'application, review and declaration',
    'none',
    async ({ page, locale, m }) => {
      // Submitting needs a file for each required item of an addition's checklist; names in no
      // language, since the application's page lists them.
      const items = ['sitePlan', 'constructionDrawings', 'designerSchedule', 'energyEfficiency'];
      for (const [i, key] of items.entries())
        await uploadTo(page, locale, key, [{ name: `plan-${i + 1}.pdf`, buffer: PDF_BYTES }]);
      await page.getByRole('link', { name: m.ApplicationPages.step.next, exact: true }).click();
      await expect(page).toHaveURL(/\/6$/);
      await hydrated(page);
    },
    (m) => m.ApplicationPages.review.submitAndPay,
  ),
  {
    page: 'application',
    state: 'submitted',
    label: 'an application, just submitted',
    fields: 'none',
    async reach(tour) {
      const { page, m } = tour;
      await page.getByLabel(m.ApplicationPages.review.declaration).check();
      await submit(page, m.ApplicationPages.review.submitAndPay);
      await expect(page).toHaveURL(/\?notice=submitted$/);
      // Remembered for the staff, who take it to a permit, and for its inspections.
      tour.reference = new URL(page.url()).pathname.split('/').pop();
    },
  },
  {
    page: 'building-home',
    state: 'applications',
    label: 'Building Code Services home, with an application',
    fields: 'none',
    async reach({ page, locale, m }) {
      await page.goto(at('/building-code-services', locale));
      await expect(page.getByRole('row', { name: /CON-/ })).toContainText(
        m.Applications.statuses.payment_required,
      );
    },
  },

  // Paying with the built-in test provider: the amount due, the provider's page, a refusal,
  // the payment, the receipt.
  {
    page: 'application',
    state: 'payment-due',
    label: 'an application, payment due',
    fields: 'none',
    async reach({ page, m }) {
      await page.getByRole('row', { name: /CON-/ }).getByRole('link').first().click();
      await expect(page.getByRole('region', { name: m.PaymentPages.invoice.title })).toBeVisible();
    },
  },
  {
    page: 'test-payment',
    state: 'normal',
    label: 'test payment provider',
    fields: 'none',
    async reach({ page, m }) {
      const p = m.PaymentPages;
      await page.getByRole('button', { name: p.invoice.pay, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: p.test.title })).toBeVisible();
    },
  },
  {
    page: 'payment',
    state: 'failed',
    label: 'payment return, refused',
    fields: 'none',
    async reach({ page, m }) {
      await page.getByRole('button', { name: m.PaymentPages.test.refuse }).click();
      await expect(page.getByRole('status')).toHaveText(m.PaymentPages.return.failed);
    },
  },
  {
    page: 'payment',
    state: 'paid',
    label: 'payment return, paid',
    fields: 'none',
    async reach({ page, m }) {
      const p = m.PaymentPages;
      await page.getByRole('button', { name: p.invoice.pay, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: p.test.title })).toBeVisible();
      await page.getByRole('button', { name: p.test.pay }).click();
      await expect(page.getByRole('status')).toHaveText(p.return.paid);
    },
  },
  {
    page: 'receipt',
    state: 'normal',
    label: 'payment receipt',
    fields: 'none',
    async reach({ page, m }) {
      await page.getByRole('link', { name: m.PaymentPages.return.viewReceipt }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: m.PaymentPages.receipt.title }),
      ).toBeVisible();
    },
  },

  // A live email-change link.
  {
    page: 'settings',
    state: 'notice',
    label: 'settings, with a notice',
    fields: 'none',
    async reach({ page, locale, m, newEmail }) {
      const t = m.SettingsEmailPage;
      await page.goto(at('/settings/email', locale));
      await hydrated(page);
      await page.getByLabel(t.newEmail.label, { exact: true }).fill(newEmail);
      await page.getByLabel(t.newEmailConfirm.label, { exact: true }).fill(newEmail);
      await page.getByLabel(t.currentPassword.label, { exact: true }).fill(PASSWORD);
      await submit(page, t.submit);
      await expect(page).toHaveURL(`${at('/settings', locale)}?notice=emailChangeSent`);
    },
  },
  {
    page: 'confirm-email',
    state: 'normal',
    label: 'confirm email',
    fields: 'none',
    async reach({ page, newEmail }) {
      await page.goto(activationLink(await waitForMail(newEmail)));
    },
  },

  // Signed out again: "check your email" with the address typed, then a live password-reset link.
  {
    page: 'forgot-password',
    state: 'sent-to-address',
    label: 'forgot password, sent, with the address',
    fields: 'none',
    async reach({ page, locale, m, email }) {
      await page.goto(at('/dashboard', locale));
      await page.getByRole('navigation').getByRole('button', { name: m.Layout.nav.logout }).click();
      await expect(page).toHaveURL(`${at('/login', locale)}?notice=signedOut`);
      const mails = mailCount(email);
      await page.goto(at('/forgot-password', locale));
      await hydrated(page);
      await page.getByLabel(m.ForgotPasswordPage.email, { exact: true }).fill(email);
      await submit(page, m.ForgotPasswordPage.submit);
      await expect(page).toHaveURL(`${at('/forgot-password', locale)}?sent=1`);
      await expect(page.getByRole('main').getByText(email)).toBeVisible();
      await waitForMail(email, mails + 1);
    },
  },
  ...form(
    'reset-password',
    'reset password',
    'reset',
    async ({ page, locale, email }) => {
      // The mail the request just sent (the previous state waited for it): the last one.
      await page.goto(activationLink(await waitForMail(email, mailCount(email))));
      await waitForHydration(page, locale);
    },
    (m) => m.ResetPasswordPage.submit,
  ),

  // The City staff's area, as the tour's staff member of this language (created with
  // `npm run staff` by the e2e server): sign-in, the set-up link, the authenticator, the queue,
  // the team screen and a member's page.
  ...form(
    'staff-login',
    'staff sign-in',
    'staffLogin',
    open('/staff/login'),
    (m) => m.StaffLoginPage.submit,
  ),
  {
    page: 'staff-setup',
    state: 'dead-link',
    label: 'staff set-up, unknown link',
    fields: 'none',
    async reach({ page, locale, m }) {
      await page.goto(at('/staff/setup', locale) + DEAD_LINK);
      await expect(
        page.getByRole('heading', { level: 1, name: m.StaffSetupPage.states.notFound.title }),
      ).toBeVisible();
    },
  },
  ...form(
    'staff-setup',
    'staff set-up',
    'reset',
    async ({ page, locale }) => {
      await page.goto(staffCreated(`tour.${locale}@ottawa.ca`).created.setupUrl!);
      await waitForHydration(page, locale);
    },
    (m) => m.StaffSetupPage.submit,
  ),
  ...form(
    'staff-two-factor',
    'staff authenticator',
    'staffCode',
    async ({ page, m }) => {
      await page.getByLabel(m.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
      await page.getByLabel(m.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
      await submit(page, m.StaffSetupPage.submit);
      await expect(
        page.getByRole('heading', { level: 1, name: m.StaffTwoFactorPage.title }),
      ).toBeVisible();
      await hydrated(page);
    },
    (m) => m.StaffTwoFactorPage.submit,
  ),
  {
    page: 'staff-two-factor',
    state: 'recovery-codes',
    label: 'staff authenticator, recovery codes',
    fields: 'none',
    async reach({ page, m }) {
      const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
      const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
      await page.getByLabel(m.StaffTwoFactorPage.code, { exact: true }).fill(totp.generate());
      await submit(page, m.StaffTwoFactorPage.submit);
      await expect(
        page.getByRole('heading', { level: 1, name: m.StaffTwoFactorPage.done.title }),
      ).toBeVisible();
    },
  },
  {
    page: 'staff-applications',
    state: 'normal',
    label: 'staff work queue',
    fields: 'staffQueue',
    async reach({ page, m }) {
      await page.getByRole('link', { name: m.StaffTwoFactorPage.done.continue }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: m.StaffQueuePage.title }),
      ).toBeVisible();
    },
  },
  {
    page: 'staff-application',
    state: 'normal',
    label: 'staff, an application with its actions',
    fields: 'staffApplication',
    async reach(tour) {
      const { page, m } = tour;
      // This language's tour's own, paid ("Soumise"), so that its typed answers are in the
      // page's language (the other language's tour runs side by side).
      await page.getByRole('link', { name: referenceOf(tour), exact: true }).click();
      await expect(
        page.getByRole('heading', {
          level: 3,
          name: m.StaffApplicationPage.actions.startCheck.title,
        }),
      ).toBeVisible();
    },
  },
  ...form(
    'staff-team',
    'staff team',
    'staffMember',
    open('/staff/team'),
    (m) => m.StaffTeamPage.create,
  ),
  {
    page: 'staff-member',
    state: 'normal',
    label: 'staff member and audit trail',
    fields: 'none',
    async reach({ page, locale, m }) {
      const name = staffCreated(`tour.${locale}@ottawa.ca`).created.email!;
      await page.goto(at('/staff/team', locale));
      await page.getByRole('row').filter({ hasText: name }).getByRole('link').click();
      await expect(
        page.getByRole('heading', { level: 2, name: m.StaffMemberPage.auditTitle }),
      ).toBeVisible();
    },
  },
  // Support (administrators): find the tour's resident, their account, the client PINs screen.
  ...form(
    'staff-support',
    'staff support',
    'staffSupport',
    open('/staff/support'),
    (m) => m.StaffSupportPage.find,
  ),
  {
    page: 'staff-resident',
    state: 'normal',
    label: 'staff support, a resident’s account',
    fields: 'none',
    async reach({ page, locale, m, email }) {
      await page.goto(at('/staff/support', locale));
      await hydrated(page);
      await page.getByLabel(m.StaffSupportPage.email, { exact: true }).fill(email);
      await submit(page, m.StaffSupportPage.find);
      await expect(
        page.getByRole('heading', { level: 1, name: m.StaffResidentPage.title }),
      ).toBeVisible();
    },
  },
  ...form(
    'staff-client-pins',
    'staff client PINs',
    'staffClientPins',
    open('/staff/support/client-pins'),
    (m) => m.StaffClientPinsPage.issue,
  ),

  // After issuance (issue 20): the tour's staff member, an administrator, takes the tour's own
  // application to a permit; the resident asks for an inspection; the staff member confirms its
  // window and records it as failed; the resident sees "Action requise".
  {
    page: 'staff-application',
    state: 'permit-issued',
    label: 'staff, a permit issued',
    fields: 'staffNote',
    async reach(tour) {
      const { page, locale, m } = tour;
      const actions = m.StaffApplicationPage.actions;
      const notice = page.getByRole('status');
      await page.goto(
        atWith('/staff/applications/[reference]', locale, { reference: referenceOf(tour) }),
      );
      await hydrated(page);
      await act(page, actions.startCheck.title, actions.startCheck.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.checkStarted);
      await act(page, actions.accept.title, actions.accept.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.accepted);
      await act(page, actions.approve.title, actions.approve.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.approved);
      await submit(page, m.StaffPermitAndCharge.issue.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.permitIssued);
    },
  },
  {
    // Signed out since "Mot de passe oublié" (the staff cookie is another one): the application's
    // page asks for the resident's sign-in first, then opens.
    page: 'application',
    state: 'permit-issued',
    label: 'an application, an issued permit',
    fields: 'none',
    async reach(tour) {
      const { page, locale, m, email } = tour;
      const application = applicationPath(tour);
      await page.goto(application);
      await expect(page).toHaveURL(new RegExp(`${at('/login', locale)}\\?callbackUrl=`));
      await waitForHydration(page, locale);
      await signIn(page, locale, email);
      await expect(page).toHaveURL(application);
      await expect(
        page.getByRole('link', { name: m.Inspections.section.request, exact: true }),
      ).toBeVisible();
    },
  },
  ...form(
    'inspection-request',
    'request an inspection',
    'inspectionRequest',
    async ({ page, m }) => {
      await page.getByRole('link', { name: m.Inspections.section.request, exact: true }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: m.Inspections.request.title }),
      ).toBeVisible();
      await hydrated(page);
    },
    (m) => m.Inspections.request.submit,
  ),
  {
    page: 'application',
    state: 'inspection-requested',
    label: 'an application, an inspection requested',
    fields: 'none',
    async reach(tour) {
      const { page, m } = tour;
      const r = m.Inspections.request;
      const day = page.getByLabel(r.preferredOn.label, { exact: true });
      // The first day that may be asked for: the date input's lower bound.
      tour.inspectionDay = (await day.getAttribute('min'))!;
      await page.getByLabel(m.Inspections.types.footings, { exact: true }).check();
      await day.fill(tour.inspectionDay);
      await page.getByLabel(m.Inspections.periods.morning, { exact: true }).check();
      await submit(page, r.submit);
      await expect(page).toHaveURL(`${applicationPath(tour)}?notice=inspectionRequested`);
      await expect(
        page.getByRole('button', { name: m.Inspections.section.cancel, exact: true }),
      ).toBeVisible();
    },
  },
  {
    page: 'staff-inspections',
    state: 'normal',
    label: 'staff inspections, a day',
    fields: 'staffInspections',
    async reach(tour) {
      const { page, locale, m } = tour;
      const day = tour.inspectionDay!;
      await page.goto(at('/staff/inspections', locale));
      await hydrated(page);
      await page.getByLabel(m.StaffInspections.filter.day, { exact: true }).fill(day);
      await submit(page, m.StaffInspections.filter.submit);
      await expect(page).toHaveURL(new RegExp(`\\?day=${day}(&|$)`));
      await expect(page.getByRole('row').filter({ hasText: referenceOf(tour) })).toBeVisible();
    },
  },
  ...form(
    'staff-inspection',
    'staff inspection, requested',
    'staffInspection',
    async (tour) => {
      const { page, m } = tour;
      // The row's last link opens the inspection (the first, the application).
      await page
        .getByRole('row')
        .filter({ hasText: referenceOf(tour) })
        .getByRole('link')
        .last()
        .click();
      await expect(
        page.getByRole('form', { name: m.StaffInspections.schedule.title }),
      ).toBeVisible();
      await hydrated(page);
    },
    (m) => m.StaffInspections.schedule.submit,
  ),
  {
    page: 'staff-inspection',
    state: 'scheduled',
    label: 'staff inspection, scheduled',
    fields: 'staffInspectionScheduled',
    async reach({ page, m }) {
      const s = m.StaffInspections.schedule;
      await page.getByLabel(s.windowStart, { exact: true }).fill('09:00');
      await page.getByLabel(s.windowEnd, { exact: true }).fill('10:30');
      await submit(page, s.submit);
      await expect(page.getByRole('status')).toHaveText(m.StaffInspections.notices.scheduled);
      await expect(page.getByRole('form', { name: m.StaffInspections.record.title })).toBeVisible();
    },
  },
  {
    page: 'staff-inspection',
    state: 'record-errors',
    label: 'staff inspection, scheduled',
    fields: 'staffInspectionScheduled',
    errors: true,
    reach: (t) => submit(t.page, t.m.StaffInspections.record.submit),
  },
  {
    page: 'staff-inspection',
    state: 'done',
    label: 'staff inspection, done',
    fields: 'none',
    async reach({ page, locale, m }) {
      const r = m.StaffInspections.record;
      await page.getByLabel(m.Inspections.results.failed, { exact: true }).check();
      await page.getByLabel(r.toFix, { exact: true }).fill(TO_FIX[locale]);
      await submit(page, r.submit);
      await expect(page.getByRole('status')).toHaveText(m.StaffInspections.notices.recorded);
      await expect(page.getByTestId('inspection-status')).toHaveText(m.Inspections.statuses.done);
    },
  },
  {
    // The inspection in the application's own page (the staff's), read only there.
    page: 'staff-application',
    state: 'inspections',
    label: 'staff, an application with its inspections',
    fields: 'staffNote',
    async reach(tour) {
      const { page, m } = tour;
      await page.getByRole('link', { name: referenceOf(tour), exact: true }).click();
      await expect(
        page.getByRole('table', { name: m.StaffInspections.section.caption }),
      ).toContainText(TO_FIX[tour.locale]);
    },
  },
  {
    page: 'application',
    state: 'action-required',
    label: 'an application, action required after a failed inspection',
    fields: 'none',
    async reach(tour) {
      const { page, locale, m } = tour;
      await page.goto(applicationPath(tour));
      await expect(
        page.getByRole('heading', { level: 2, name: m.ActionRequired.banner.title }),
      ).toBeVisible();
      await expect(page.getByText(TO_FIX[locale])).toBeVisible();
    },
  },

  // Still signed in (since the inspections), then 28 minutes without a click: the browser's
  // clock is moved forward (the server's is not), and the warning opens two minutes before the
  // session would end. Last, as the faked clock stays in the page.
  {
    page: 'dashboard',
    state: 'idle-warning',
    label: 'idle-session warning',
    fields: 'none',
    async reach({ page, locale, m }) {
      await page.clock.install();
      await page.goto(at('/dashboard', locale));
      await expect(page).toHaveURL(at('/dashboard', locale));
      await hydrated(page);
      await page.clock.fastForward('28:05');
      await expect(page.getByRole('dialog', { name: m.IdleWarning.title })).toBeVisible();
    },
  },
];
