import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'next-auth/jwt';
import {
  BASE_URL,
  LOCALES,
  MESSAGES,
  createActiveAccount,
  expect,
  expectAccessible,
  signIn,
  test,
  uniqueEmail,
  waitForHydration,
} from './support/fixtures';
import { startSecondServer } from './support/second-server';

/** The e2e server's cookie and secret (tests/e2e/support/server.ts; production build). */
const COOKIE = '__Host-monso.session';
const SECRET = process.env.AUTH_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789abcdef';
const MINUTE = 60;
const PATHS = {
  fr: {
    dashboard: '/fr/tableau-de-bord',
    login: '/fr/connexion',
    contact: '/fr/parametres/coordonnees/modifier',
  },
  en: {
    dashboard: '/en/dashboard',
    login: '/en/login',
    contact: '/en/settings/contact-details/edit',
  },
} as const;
/** The login page's information style (the portal's blue), not the green of a success. */
const INFORMATION_BORDER = 'rgb(26, 90, 150)';

/** The "signed out after N minutes" notice as the page says it: the message's plural applied. */
function timedOutNotice(locale: 'fr' | 'en', minutes: number): string {
  return MESSAGES[locale].LoginPage.notices.timedOut.replace(
    /\{minutes, plural, one \{# minute\} other \{# minutes\}\}/,
    minutes === 1 ? '1 minute' : `${minutes} minutes`,
  );
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const w = m.IdleWarning;

  test(`SES-02: the idle warning at 28 minutes keeps the session or signs out (${locale})`, async ({
    page,
  }) => {
    await page.clock.install();
    await createActiveAccount(page, locale, uniqueEmail(`idle-${locale}`));
    // Activation lands on the dashboard with its "activated" notice: start from the plain page.
    await page.goto(PATHS[locale].dashboard);
    const dialog = page.getByRole('dialog', { name: w.title });
    await expect(dialog).toBeHidden();

    await page.clock.fastForward('27:50');
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('00:15');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: w.stay })).toBeFocused();
    await expectAccessible(page);

    // "Rester connecté": the dialog closes and the count starts again.
    await dialog.getByRole('button', { name: w.stay }).click();
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('20:00');
    await expect(dialog).toBeHidden();
    await page.clock.fastForward('08:05');
    await expect(dialog).toBeVisible();

    // Time runs out: the session ends and the "signed out" page says why.
    await page.clock.fastForward('02:05');
    await expect(page).toHaveURL(
      `${PATHS[locale].login}?notice=timedOut&callbackUrl=${encodeURIComponent(PATHS[locale].dashboard)}`,
    );
    await expect(page.getByText(timedOutNotice(locale, 30))).toBeVisible();
    await expectAccessible(page);
    await page.goto(PATHS[locale].dashboard);
    await expect(page).toHaveURL(new RegExp(`^[^?]*${PATHS[locale].login}\\?`));
  });
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];

  test(`SES-02: after the idle timeout, the notice says what was lost, and signing in again leads back to the page (${locale})`, async ({
    page,
  }) => {
    await page.clock.install();
    const email = await createActiveAccount(page, locale, uniqueEmail(`idle-back-${locale}`));
    await page.goto(PATHS[locale].contact);
    await expect(
      page.getByRole('heading', { level: 1, name: m.SettingsContactEditPage.title }),
    ).toBeVisible();
    const firstName = page.getByLabel(`${m.Profile.firstName.label} ${m.Form.required}`, {
      exact: true,
    });
    await firstName.fill('Jeanne');

    await page.clock.fastForward('30:05');
    await expect(page).toHaveURL(
      `${PATHS[locale].login}?notice=timedOut&callbackUrl=${encodeURIComponent(PATHS[locale].contact)}`,
    );
    const notice = page.getByRole('status').filter({ hasText: timedOutNotice(locale, 30) });
    await expect(notice).toBeVisible();
    await expect(notice).toHaveCSS('border-left-color', INFORMATION_BORDER);
    await expectAccessible(page);

    await waitForHydration(page, locale);
    await signIn(page, locale, email);
    await expect(page).toHaveURL(PATHS[locale].contact);
    await expect(firstName).toHaveValue('');
  });
}

test.describe('SES-02: an idle timeout set in seconds', () => {
  /** A second server on the same build whose idle timeout is 140 s: 2⅓ minutes. */
  const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
  const BASE = `http://localhost:${PORT}`;
  const DATA = path.resolve('.data/e2e-idle140/pglite');
  let server: ChildProcess;

  test.beforeAll(async () => {
    fs.rmSync(path.dirname(DATA), { recursive: true, force: true });
    server = await startSecondServer({
      port: PORT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_URL: BASE,
        AUTH_SECRET: 'e2e-idle140-secret-0123456789abcdef0123456789abcdef',
        PIN_PEPPER: 'e2e-idle140-pin-pepper-0123456789abcdef0123456789',
        CRON_SECRET: 'e2e-idle140-cron-secret-0123456789abcdef',
        PAYMENT_PROVIDER: 'test',
        PGLITE_DIR: DATA,
        DATABASE_URL: '',
        SMTP_URL: '',
        SESSION_IDLE_TIMEOUT_SECONDS: '140',
        TRUSTED_IP_HEADER: 'x-real-ip',
      },
      healthStatus: 200,
      timeoutMs: 60_000,
    });
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
  });

  test('the timeout notice counts whole minutes, in both languages', async ({ page }) => {
    for (const locale of LOCALES) {
      await page.goto(`${BASE}${PATHS[locale].login}?notice=timedOut`);
      const notice = page.getByRole('status');
      await expect(notice).toHaveText(timedOutNotice(locale, 2));
      await expect(notice).not.toContainText(/\d[.,]\d/);
    }
  });
});

test('SES-02: "Se déconnecter" in the warning signs out', async ({ page }) => {
  await page.clock.install();
  await createActiveAccount(page, 'fr', uniqueEmail('idle-out'));
  await page.clock.fastForward('28:05');
  const dialog = page.getByRole('dialog', { name: MESSAGES.fr.IdleWarning.title });
  await dialog.getByRole('button', { name: MESSAGES.fr.IdleWarning.signOut }).click();
  await expect(page).toHaveURL(/\/fr\/connexion\?notice=signedOut$/);
});

/** The signed-in cookie, re-encoded with other times, as if the browser had kept it. */
async function agedCookie(
  page: import('@playwright/test').Page,
  times: (now: number) => { authTime?: number; seen?: number },
) {
  const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE);
  const token = await decode({ token: cookie?.value, secret: SECRET, salt: COOKIE });
  if (!token) throw new Error('no session cookie');
  const now = Math.floor(Date.now() / 1000);
  const value = await encode({
    token: { ...token, ...times(now) },
    secret: SECRET,
    salt: COOKIE,
    maxAge: 12 * 60 * MINUTE,
  });
  const aged = { ...cookie!, value };
  await page.context().addCookies([aged]);
  return aged;
}

test('SES-02: the server refuses a session idle for 31 minutes, whatever the browser does', async ({
  page,
}) => {
  await createActiveAccount(page, 'fr', uniqueEmail('idle-server'));
  const aged = await agedCookie(page, (now) => ({ seen: now - 31 * MINUTE }));
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL(/\/fr\/connexion\?notice=timedOut&callbackUrl=/);
  await expect(page.getByText(timedOutNotice('fr', 30))).toBeVisible();
  // The server deleted the cookie; a browser that kept it anyway cannot revive it with the keep-alive.
  expect((await page.context().cookies()).find((c) => c.name === COOKIE)).toBeUndefined();
  await page.context().addCookies([aged]);
  const keepAlive = await page.request.post('/api/session/keepalive', {
    headers: { origin: BASE_URL },
  });
  expect(keepAlive.status()).toBe(401);
});

test('SES-03: the server ends a session 12 hours after sign-in, however active', async ({
  page,
}) => {
  await createActiveAccount(page, 'en', uniqueEmail('absolute'));
  await agedCookie(page, (now) => ({ authTime: now - 12 * 60 * MINUTE - 1, seen: now - 60 }));
  await page.goto('/en/dashboard');
  await expect(page).toHaveURL(/\/en\/login\?notice=sessionExpired&callbackUrl=/);
  await expect(page.getByText(MESSAGES.en.LoginPage.notices.sessionExpired)).toBeVisible();
});

test('SES-02: page loads move the idle deadline; the keep-alive refuses other origins', async ({
  page,
}) => {
  await createActiveAccount(page, 'fr', uniqueEmail('activity'));
  await agedCookie(page, (now) => ({ seen: now - 29 * MINUTE }));
  await page.goto('/fr/tableau-de-bord');
  await expect(
    page.getByRole('heading', { level: 1, name: MESSAGES.fr.DashboardPage.title }),
  ).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE)!;
  const token = await decode({ token: cookie.value, secret: SECRET, salt: COOKIE });
  expect(Math.floor(Date.now() / 1000) - (token!.seen as number)).toBeLessThan(60);

  const foreign = await page.request.post('/api/session/keepalive', {
    headers: { origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  const own = await page.request.post('/api/session/keepalive', { headers: { origin: BASE_URL } });
  expect(own.status()).toBe(204);
});

test('SES-02: "Aide" keeps the idle warning for a signed-in person, and a visit counts as activity', async ({
  page,
}) => {
  await page.clock.install();
  await createActiveAccount(page, 'en', uniqueEmail('idle-help'));
  await agedCookie(page, (now) => ({ seen: now - 20 * MINUTE }));
  await page.goto('/en/help');
  // The dialog's timers start when the page hydrates: fast-forwarding before would count nothing.
  await page.waitForLoadState('networkidle');
  const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE)!;
  const token = await decode({ token: cookie.value, secret: SECRET, salt: COOKIE });
  expect(Math.floor(Date.now() / 1000) - (token!.seen as number)).toBeLessThan(60);
  await page.clock.fastForward('28:05');
  await expect(page.getByRole('dialog', { name: MESSAGES.en.IdleWarning.title })).toBeVisible();
});
