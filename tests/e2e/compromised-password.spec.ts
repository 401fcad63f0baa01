import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, expectAccessible, MESSAGES, PASSWORD, signIn, test } from './support/fixtures';
import { startSecondServer } from './support/second-server';

/**
 * PWD-09: a second server on the same build, with its own embedded database holding an account
 * whose password operators flagged (`npm run accounts -- require-password-change`). After
 * sign-in, every signed-in page leads to "Changer le mot de passe" until it is changed.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const BASE = `http://localhost:${PORT}`;
const DATA = path.resolve('.data/e2e-pwd09/pglite');
const EMAIL = 'compromised@example.ca';
const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';
const m = MESSAGES.fr;
let server: ChildProcess;

test.beforeAll(async () => {
  fs.rmSync(path.dirname(DATA), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    // Configured as behind nginx: the tests send X-Real-IP as nginx would (LOG-06).
    TRUSTED_IP_HEADER: 'x-real-ip',
    APP_URL: BASE,
    AUTH_SECRET: 'e2e-pwd09-secret-0123456789abcdef0123456789abcdef',
    PIN_PEPPER: 'e2e-pwd09-pin-pepper-0123456789abcdef0123456789',
    CRON_SECRET: 'e2e-pwd09-cron-secret-0123456789abcdef',
    PAYMENT_PROVIDER: 'test',
    PGLITE_DIR: DATA,
    DATABASE_URL: '',
    SMTP_URL: '',
  };
  const seed = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'tests/e2e/support/seed-flagged-account.ts', EMAIL, PASSWORD],
    { stdio: 'inherit', env },
  );
  expect(seed.status).toBe(0);
  server = await startSecondServer({ port: PORT, env, healthStatus: 200, timeoutMs: 60_000 });
});

test.afterAll(() => {
  server.kill('SIGTERM');
});

test('PWD-09: a flagged account can open nothing but "Changer le mot de passe" until it is changed', async ({
  page,
}) => {
  await page.goto(`${BASE}/fr/connexion`);
  await signIn(page, 'fr', EMAIL);
  await expect(page).toHaveURL(`${BASE}/fr/parametres/mot-de-passe`);
  await expect(page.getByText(m.SettingsPasswordPage.required)).toBeVisible();
  await expectAccessible(page);

  for (const path of [
    '/fr/tableau-de-bord',
    '/fr/parametres',
    '/fr/parametres/courriel',
    '/fr/services-du-code-du-batiment/inscription',
  ]) {
    await page.goto(`${BASE}${path}`);
    await expect(page).toHaveURL(`${BASE}/fr/parametres/mot-de-passe`);
  }

  const form = m.SettingsPasswordPage;
  await page.getByLabel(form.currentPassword, { exact: true }).fill(PASSWORD);
  await page.getByLabel(form.password, { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel(form.passwordConfirm, { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: form.submit }).click();
  await expect(page).toHaveURL(`${BASE}/fr/parametres?notice=passwordChanged`);
  await page.goto(`${BASE}/fr/tableau-de-bord`);
  await expect(page.getByRole('heading', { level: 1, name: m.DashboardPage.title })).toBeVisible();
});
