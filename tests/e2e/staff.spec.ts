import { Secret, TOTP } from 'otpauth';
import type { Page } from '@playwright/test';
import {
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  expectAccessible,
  plain,
  staffCreated,
  test,
} from './support/fixtures';

/**
 * The staff area's way in (issue 19): a member created with `npm run -s staff -- create` before
 * the server started (tests/e2e/support/server.ts keeps its one JSON line), the set-up link, the
 * authenticator enrolled from the secret shown as text, sign-in with both factors, the work
 * queue, sign-out; and the separation from residents (STF-02).
 */
const STAFF_PASSWORD = 'lanterne verte sous la pluie';
const fr = MESSAGES.fr;
const en = MESSAGES.en;

function totpFor(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
}

/** A code of a later time step than `afterStep` (each step's code is accepted once): waits for it. */
async function freshCode(
  secret: string,
  afterStep: number,
): Promise<{ code: string; step: number }> {
  const totp = totpFor(secret);
  while (totp.counter() <= afterStep) {
    await new Promise((resolve) => setTimeout(resolve, totp.remaining() + 50));
  }
  return { code: totp.generate(), step: totp.counter() };
}

async function staffSignIn(page: Page, email: string, code: string, password = STAFF_PASSWORD) {
  const t = fr.StaffLoginPage;
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByLabel(t.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: t.submit, exact: true }).click();
}

test('STF-01, STF-02: a staff member created with the command sets a password, enrols TOTP from the shown secret, signs in with both factors, sees the queue and signs out (fr)', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { line, created } = staffCreated('agent.e2e@ottawa.ca');
  expect(line.trim().split('\n')).toHaveLength(1);
  expect(Object.keys(created).sort()).toEqual(['email', 'role', 'setupUrl']);
  expect(created.role).toBe('admin');
  expect(new URL(created.setupUrl!).pathname).toBe('/fr/personnel/configuration');

  // The set-up link: a password (the residents' policy).
  await page.goto(created.setupUrl!);
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffSetupPage.title }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(fr.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel(fr.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: fr.StaffSetupPage.submit }).click();

  // The authenticator: the secret as text beside the QR code; the test is the app.
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffTwoFactorPage.title }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: fr.StaffTwoFactorPage.qrLabel })).toBeVisible();
  const shown = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(shown).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page);
  const totp = totpFor(shown);
  let step = totp.counter();
  await page.getByLabel(fr.StaffTwoFactorPage.code, { exact: true }).fill(totp.generate());
  await page.getByRole('button', { name: fr.StaffTwoFactorPage.submit }).click();

  // Recovery codes, once.
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffTwoFactorPage.done.title }),
  ).toBeVisible();
  const codes = page
    .getByRole('list', { name: fr.StaffTwoFactorPage.done.listLabel })
    .getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expectAccessible(page);
  await page.getByRole('link', { name: fr.StaffTwoFactorPage.done.continue }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffQueuePage.title }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/fr\/personnel\/demandes$/);

  // Sign out, then sign in again: address, password and a new code.
  await page.getByRole('button', { name: fr.StaffLayout.logout }).click();
  await expect(page).toHaveURL(/\/fr\/personnel\/connexion\?notice=signedOut$/);
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffLoginPage.title }),
  ).toBeVisible();
  await expectAccessible(page);
  // Signed out: the queue sends to the sign-in.
  await page.goto('/fr/personnel/demandes');
  await expect(page).toHaveURL(/\/fr\/personnel\/connexion/);

  // A wrong code: the one generic message, nothing saying which factor failed.
  await staffSignIn(page, created.email!, '000000');
  await expect(page.getByText(fr.StaffLoginPage.errors.invalid).first()).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${fr.ErrorSummary.titlePrefix.trim()}`));
  await expectAccessible(page);

  const fresh = await freshCode(shown, step);
  step = fresh.step;
  await staffSignIn(page, created.email!, fresh.code);
  await expect(
    page.getByRole('heading', { level: 1, name: fr.StaffQueuePage.title }),
  ).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: fr.StaffQueuePage.columns.reference }),
  ).toBeVisible();
  await expectAccessible(page);
  const response = await page.request.get('/fr/personnel/demandes');
  expect(response.headers()['cache-control']).toContain('no-store');

  // The team screen (administrators): this member, and the audit trail of the sign-ins.
  await page.getByRole('link', { name: fr.StaffLayout.team }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr.StaffTeamPage.title })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Dominique Roy' }).click();
  await expect(
    page.getByRole('cell', { name: fr.StaffMemberPage.actions.sign_in, exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: fr.StaffMemberPage.actions.totp_enrolled }),
  ).toBeVisible();
  await expectAccessible(page);

  // The screen creates a member with the command's domain function: an intake agent, whose
  // set-up link shows once. Enrolled in another browser, they cannot open the team screen.
  await page.getByRole('link', { name: fr.StaffMemberPage.back }).click();
  await page.getByLabel(fr.StaffTeamPage.fields.name.label, { exact: true }).fill('Sam Accueil');
  await page
    .getByLabel(fr.StaffTeamPage.fields.email, { exact: true })
    .fill('sam.accueil@ottawa.ca');
  await page.getByLabel(fr.StaffTeamPage.fields.role.label).selectOption('intake');
  await page.getByRole('button', { name: fr.StaffTeamPage.create }).click();
  const setupUrl = await page.getByTestId('setup-url').innerText();
  expect(new URL(setupUrl).pathname).toBe('/fr/personnel/configuration');
  await expectAccessible(page);
  const intake = await page.context().browser()!.newContext();
  try {
    const other = await intake.newPage();
    await other.goto(setupUrl);
    await other.getByLabel(fr.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
    await other.getByLabel(fr.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
    await other.getByRole('button', { name: fr.StaffSetupPage.submit }).click();
    const secret = (await other.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await other
      .getByLabel(fr.StaffTwoFactorPage.code, { exact: true })
      .fill(totpFor(secret).generate());
    await other.getByRole('button', { name: fr.StaffTwoFactorPage.submit }).click();
    await other.getByRole('link', { name: fr.StaffTwoFactorPage.done.continue }).click();
    await expect(
      other.getByRole('heading', { level: 1, name: fr.StaffQueuePage.title }),
    ).toBeVisible();
    // No "Équipe" in the intake agent's menu, and the screen itself: 404, no names.
    await expect(other.getByRole('link', { name: fr.StaffLayout.team })).toHaveCount(0);
    const refused = await other.goto('/fr/personnel/equipe');
    expect(refused?.status()).toBe(404);
    await expect(
      other.getByRole('heading', { level: 1, name: fr.NotFoundPage.title }),
    ).toBeVisible();
    await expect(other.getByText('Dominique Roy')).toHaveCount(0);
    // Nor "Soutien": its screens answer 404 with no form.
    await expect(other.getByRole('link', { name: fr.StaffLayout.support })).toHaveCount(0);
    for (const path of ['/fr/personnel/soutien', '/fr/personnel/soutien/nip-clients']) {
      const support = await other.goto(path);
      expect(support?.status()).toBe(404);
      await expect(
        other.getByRole('heading', { level: 1, name: fr.NotFoundPage.title }),
      ).toBeVisible();
      await expect(other.locator('main form')).toHaveCount(0);
    }
  } finally {
    await intake.close();
  }

  // A staff session does not open the resident area.
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL(/\/fr\/connexion\?/);

  await page.goto('/fr/personnel/demandes');
  await page.getByRole('button', { name: fr.StaffLayout.logout }).click();
  await expect(page).toHaveURL(/\/fr\/personnel\/connexion\?notice=signedOut$/);
  await page.goto('/fr/personnel/demandes');
  await expect(page).toHaveURL(/\/fr\/personnel\/connexion/);
});

test('STF-02: a resident session never opens the staff area: the staff sign-in, never data (fr)', async ({
  page,
}) => {
  await createActiveAccount(page, 'fr');
  for (const path of [
    '/fr/personnel/demandes',
    '/fr/personnel/equipe',
    '/fr/personnel/soutien',
    '/fr/personnel/soutien/nip-clients',
  ]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/fr\/personnel\/connexion/);
    await expect(
      page.getByRole('heading', { level: 1, name: fr.StaffLoginPage.title }),
    ).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
  // The resident's own area still opens: nothing was signed out.
  await page.goto('/fr/tableau-de-bord');
  await expect(page.getByRole('heading', { level: 1, name: fr.DashboardPage.title })).toBeVisible();
  expect(PASSWORD).not.toBe(STAFF_PASSWORD);
});

test('STF-04: an administrator finds a resident by email on "Soutien", sees the account’s state and requires a password change (fr)', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const resident = await browser.newContext();
  let email: string;
  try {
    email = await createActiveAccount(await resident.newPage(), 'fr');
  } finally {
    await resident.close();
  }
  const { created } = staffCreated('support.e2e@ottawa.ca');
  await page.goto(created.setupUrl!);
  await page.getByLabel(fr.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel(fr.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: fr.StaffSetupPage.submit }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await page
    .getByLabel(fr.StaffTwoFactorPage.code, { exact: true })
    .fill(totpFor(secret).generate());
  await page.getByRole('button', { name: fr.StaffTwoFactorPage.submit }).click();
  await page.getByRole('link', { name: fr.StaffTwoFactorPage.done.continue }).click();

  const t = fr.StaffSupportPage;
  const r = fr.StaffResidentPage;
  await page.getByRole('link', { name: fr.StaffLayout.support }).click();
  await expect(page).toHaveURL(/\/fr\/personnel\/soutien$/);
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
  await expectAccessible(page);
  // No account: said by the field and in the summary, nothing else.
  await page.getByLabel(t.email, { exact: true }).fill('personne.inconnue@example.ca');
  await page.getByRole('button', { name: t.find }).click();
  await expect(page.getByRole('alert', { name: fr.ErrorSummary.title })).toContainText(
    t.errors.notFound,
  );
  // The address in capitals finds the account.
  await page.getByLabel(t.email, { exact: true }).fill(email.toUpperCase());
  await page.getByRole('button', { name: t.find }).click();
  await expect(page.getByRole('heading', { level: 1, name: r.title })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await expect(page.getByText(r.statuses.active, { exact: true })).toBeVisible();
  await expectAccessible(page);
  // Activation is for pending accounts only.
  await expect(page.getByRole('button', { name: r.resend })).toHaveCount(0);
  await page.getByRole('button', { name: r.require }).click();
  await expect(page.getByRole('status')).toHaveText(r.done.passwordChangeRequired);
  await expect(page).toHaveURL(/\?done=passwordChangeRequired$/);
  await expect(page.getByRole('button', { name: r.require })).toHaveCount(0);

  // The resident, signing in again, can only change the password (PWD-09).
  const again = await browser.newContext();
  try {
    const other = await again.newPage();
    await other.goto('/fr/connexion');
    await other.getByLabel(fr.LoginPage.email, { exact: true }).fill(email);
    await other.getByLabel(fr.LoginPage.password, { exact: true }).fill(PASSWORD);
    await other.getByRole('button', { name: fr.LoginPage.submit, exact: true }).click();
    await expect(
      other.getByRole('heading', { level: 1, name: fr.SettingsPasswordPage.title }),
    ).toBeVisible();
  } finally {
    await again.close();
  }

  // The administrator's trail names each look-up and the change.
  await page.goto('/fr/personnel/equipe');
  await page.getByRole('row').filter({ hasText: 'Sam Gagnon' }).getByRole('link').click();
  const trail = page.getByRole('table');
  await expect(trail).toContainText(fr.StaffMemberPage.actions.password_change_required);
  await expect(trail).toContainText(fr.StaffMemberPage.actions.resident_looked_up);
});

test('the English staff sign-in page has the contract labels and passes axe (en)', async ({
  page,
}) => {
  await page.goto('/en/staff/login');
  await expect(
    page.getByRole('heading', { level: 1, name: en.StaffLoginPage.title }),
  ).toBeVisible();
  for (const label of ['Email address', 'Password', 'Verification code']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(
    page.getByRole('button', { name: plain(en.Form.showPassword) }).first(),
  ).toBeVisible();
  await expectAccessible(page);
  // The French page: the contract's labels, word for word.
  await page.goto('/fr/personnel/connexion');
  for (const label of ['Adresse courriel', 'Mot de passe', 'Code de vérification']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Connexion', exact: true })).toBeVisible();
});
