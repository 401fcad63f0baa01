import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';

export { expect };
export const MESSAGES = { fr, en } as const;
export type Locale = keyof typeof MESSAGES;
export const LOCALES: Locale[] = ['fr', 'en'];
export const PASSWORD = 'violet tambour quinze nuages';

/**
 * A message's words without its rich-text tags, as assistive technology gets them:
 * "Afficher<hidden> le mot de passe</hidden>" is the button named "Afficher le mot de passe".
 */
export function plain(message: string): string {
  return message.replace(/<\/?[a-zA-Z]+>/g, '');
}
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

const MAIL_DIR = path.resolve(process.env.E2E_MAIL_DIR ?? 'test-results/e2e-mail');
const SERVER_LOG = path.resolve(process.env.E2E_SERVER_LOG ?? 'test-results/e2e-server-stderr.log');

/** What the e2e server wrote to stderr while `run` ran, and a moment after (support/server.ts). */
export async function serverErrorsDuring(run: () => Promise<void>): Promise<string> {
  const start = fs.statSync(SERVER_LOG).size;
  await run();
  await new Promise((resolve) => setTimeout(resolve, 300));
  return fs.readFileSync(SERVER_LOG).subarray(start).toString('utf8');
}

let counter = 0;
/** Distinct across the run's workers (each its own process, its own counter). */
const WORKER = process.env.TEST_WORKER_INDEX ?? '0';
export function uniqueEmail(tag = 'resident'): string {
  counter += 1;
  return `${tag}.${Date.now().toString(36)}w${WORKER}n${counter}@example.ca`;
}

/** A distinct documentation-range address per test, sent in the trusted client-IP header. */
export function uniqueIp(): string {
  const n = Math.floor(Math.random() * 65_000) + 1;
  return `198.18.${n >> 8}.${n & 255}`;
}

export const test = base.extend({
  page: async ({ page, context }, use) => {
    await context.setExtraHTTPHeaders({ 'x-real-ip': uniqueIp() });
    await use(page);
  },
});

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

function mailsTo(address: string): Mail[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(MAIL_DIR, file), 'utf8')) as Mail)
    .filter((mail) => mail.to === address);
}

/** Waits until `count` mails reached the SMTP sink for the address; returns the last one. */
export async function waitForMail(address: string, count = 1): Promise<Mail> {
  await expect
    .poll(() => mailsTo(address).length, { timeout: 15_000, message: `mail to ${address}` })
    .toBeGreaterThanOrEqual(count);
  return mailsTo(address)[count - 1]!;
}

/** Waits until a mail with this subject reached the SMTP sink for the address; returns it. */
export async function waitForMailWithSubject(address: string, subject: string): Promise<Mail> {
  await expect
    .poll(() => mailsTo(address).some((m) => m.subject === subject), {
      timeout: 15_000,
      message: `"${subject}" to ${address}`,
    })
    .toBe(true);
  return mailsTo(address).find((m) => m.subject === subject)!;
}

export function mailCount(address: string): number {
  return mailsTo(address).length;
}

export function activationLink(mail: Mail): string {
  const match = mail.text.match(/https?:\/\/\S+?\?token=[\w-]+/);
  if (!match) throw new Error(`no activation link in: ${mail.text}`);
  return match[0];
}

/** axe-core: no serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // Next.js streams the <title> of a dynamic page after its body: check the page once it is in.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}

/**
 * axe-core for a page opened with JavaScript disabled, where axe itself cannot run: the page's
 * current HTML, scripts removed, is served at the same URL in a JavaScript-enabled context (so its
 * stylesheets still load from the server) and checked there.
 */
export async function expectAccessibleWithoutJs(page: Page): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('expectAccessibleWithoutJs needs a browser-backed page');
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

/** Fills and submits "Créez votre compte" / "Create your account". */
export async function fillCreateAccount(
  page: Page,
  locale: Locale,
  values: {
    email: string;
    emailConfirm?: string;
    password?: string;
    passwordConfirm?: string;
    accept?: boolean;
  },
): Promise<void> {
  const t = MESSAGES[locale].CreateAccountPage;
  await page.getByLabel(t.email, { exact: true }).fill(values.email);
  await page.getByLabel(t.emailConfirm, { exact: true }).fill(values.emailConfirm ?? values.email);
  await page.getByLabel(t.password, { exact: true }).fill(values.password ?? PASSWORD);
  await page
    .getByLabel(t.passwordConfirm, { exact: true })
    .fill(values.passwordConfirm ?? values.password ?? PASSWORD);
  if (values.accept ?? true) await page.getByLabel(t.acceptTerms).check();
  await page.getByRole('button', { name: t.submit }).click();
}

export async function signIn(page: Page, locale: Locale, email: string, password = PASSWORD) {
  const t = MESSAGES[locale].LoginPage;
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.submit, exact: true }).click();
}

/**
 * Waits until React has hydrated a page with a password field: its show/hide toggle only exists
 * then. A click before that submits the plain no-JS form instead of the server action fetch.
 */
export async function waitForHydration(page: Page, locale: Locale): Promise<void> {
  await expect(
    page.getByRole('button', { name: plain(MESSAGES[locale].Form.showPassword) }).first(),
  ).toBeVisible();
}

/** Creates and activates an account through the pages; ends signed in on the dashboard. */
export async function createActiveAccount(
  page: Page,
  locale: Locale,
  email = uniqueEmail(),
  opts: { javaScript?: boolean } = {},
) {
  await page.goto(`/${locale}/${locale === 'fr' ? 'creer-un-compte' : 'create-account'}`);
  await fillCreateAccount(page, locale, { email });
  await expect(
    page.getByRole('heading', { level: 1, name: MESSAGES[locale].CheckEmailPage.title }),
  ).toBeVisible();
  const mail = await waitForMail(email);
  await page.goto(activationLink(mail));
  if (opts.javaScript !== false) await waitForHydration(page, locale);
  await page.getByLabel(MESSAGES[locale].ActivatePage.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: MESSAGES[locale].ActivatePage.submit }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: MESSAGES[locale].DashboardPage.title }),
  ).toBeVisible();
  return email;
}

const PIN_FILE = path.resolve(process.env.E2E_PIN_FILE ?? 'test-results/e2e-pins.csv');
let pinsTaken = 0;

/** A client record issued by `npm run clients -- import` before the server started. */
export function nextClientPin(): { clientNumber: string; pin: string } {
  const rows = fs.readFileSync(PIN_FILE, 'utf8').trim().split(/\r?\n/).slice(1);
  const row = rows[pinsTaken++];
  if (!row)
    throw new Error('no more e2e client PINs: add rows to tests/e2e/support/client-records.csv');
  const cells = row.split(',');
  return { clientNumber: cells[0]!, pin: cells.at(-1)! };
}

/**
 * The issued PIN of one client record of client-records.csv, by its number: for a spec that must
 * not share a record with another (nextClientPin hands rows out in order, per worker).
 */
export function clientPinFor(clientNumber: string): string {
  const rows = fs.readFileSync(PIN_FILE, 'utf8').trim().split(/\r?\n/).slice(1);
  const row = rows.find((r) => r.startsWith(`${clientNumber},`));
  if (!row) throw new Error(`no e2e client record ${clientNumber} in ${PIN_FILE}`);
  return row.split(',').at(-1)!;
}

export const AREA = {
  fr: {
    home: '/fr/services-du-code-du-batiment',
    register: '/fr/services-du-code-du-batiment/inscription',
    clientRecord: '/fr/services-du-code-du-batiment/inscription/dossier-client',
    profile: '/fr/services-du-code-du-batiment/profil',
  },
  en: {
    home: '/en/building-code-services',
    register: '/en/building-code-services/register',
    clientRecord: '/en/building-code-services/register/client-record',
    profile: '/en/building-code-services/profile',
  },
} as const;

/** Fills the profile fields (consent page, contact details) with a valid profile. */
export async function fillProfile(
  page: Page,
  locale: Locale,
  overrides: Record<string, string> = {},
) {
  const p = MESSAGES[locale].Profile;
  const req = ` ${MESSAGES[locale].Form.required}`;
  const values = {
    firstName: 'Jean',
    lastName: 'Tremblay',
    address1: '110, avenue Laurier Ouest',
    city: 'Ottawa',
    postalCode: 'k1p1j1',
    phone: '613 580 2424',
    ...overrides,
  };
  await page.getByLabel(p.firstName.label + req, { exact: true }).fill(values.firstName);
  await page.getByLabel(p.lastName.label + req, { exact: true }).fill(values.lastName);
  await page.getByLabel(p.communicationLanguage.label + req, { exact: true }).selectOption(locale);
  await page.getByLabel(p.address1.label, { exact: true }).fill(values.address1);
  await page.getByLabel(p.city.label, { exact: true }).fill(values.city);
  await page.getByLabel(p.province.label, { exact: true }).selectOption('ON');
  await page.getByLabel(p.postalCode.label, { exact: true }).fill(values.postalCode);
  await page.getByLabel(p.phone.label + req, { exact: true }).fill(values.phone);
}

/** Fills "Renseignements du profil personnel" with a valid profile and accepts. */
export async function fillConsent(
  page: Page,
  locale: Locale,
  overrides: Record<string, string> = {},
) {
  const req = ` ${MESSAGES[locale].Form.required}`;
  await fillProfile(page, locale, overrides);
  await page.getByLabel(MESSAGES[locale].RegisterPage.consent + req).check();
  await page
    .getByRole('button', { name: MESSAGES[locale].RegisterPage.submit, exact: true })
    .click();
}

const STAFF_FILE = path.resolve(process.env.E2E_STAFF_FILE ?? 'test-results/e2e-staff.json');

/**
 * The line `npm run -s staff -- create` printed for a staff member the e2e server created before
 * it started (support/server.ts): exactly one JSON line each.
 */
export function staffCreated(email: string): { line: string; created: Record<string, string> } {
  const line = fs
    .readFileSync(STAFF_FILE, 'utf8')
    .split('\n')
    .find((l) => l.includes(`"${email}"`));
  if (!line) throw new Error(`no e2e staff member ${email} in ${STAFF_FILE}`);
  return { line, created: JSON.parse(line) as Record<string, string> };
}
