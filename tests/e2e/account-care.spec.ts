import type { Page } from '@playwright/test';
import emailEn from '../../emails/messages/en.json';
import emailFr from '../../emails/messages/fr.json';
import {
  LOCALES,
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  expectAccessible,
  expectAccessibleWithoutJs,
  mailCount,
  signIn,
  test,
  uniqueEmail,
  uniqueIp,
  waitForHydration,
  waitForMail,
  type Locale,
} from './support/fixtures';

const EMAILS = { fr: emailFr, en: emailEn } as const;
const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';
const PATHS = {
  fr: {
    login: '/fr/connexion',
    forgot: '/fr/mot-de-passe-oublie',
    dashboard: '/fr/tableau-de-bord',
  },
  en: { login: '/en/login', forgot: '/en/forgot-password', dashboard: '/en/dashboard' },
} as const;

function resetLink(text: string): string {
  const match = text.match(/https?:\/\/\S+?\?token=[\w-]+/);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[0];
}

async function askForReset(page: Page, locale: Locale, email: string) {
  const m = MESSAGES[locale].ForgotPasswordPage;
  await page.goto(PATHS[locale].login);
  await page.getByRole('link', { name: MESSAGES[locale].LoginPage.forgotPassword }).click();
  await expect(page).toHaveURL(PATHS[locale].forgot);
  await expect(page.getByRole('heading', { level: 1, name: m.title })).toBeVisible();
  await page.getByLabel(m.email, { exact: true }).fill(email);
  await page.getByRole('button', { name: m.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: m.sent.title })).toBeVisible();
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const p = PATHS[locale];

  test(`forgot password → email → new password → sign in; other sessions end (${locale})`, async ({
    page,
    browser,
  }) => {
    const email = await createActiveAccount(page, locale, uniqueEmail(`reset-${locale}`));
    const mailsBefore = mailCount(email);

    const other = await browser.newContext({ extraHTTPHeaders: { 'x-real-ip': uniqueIp() } });
    const visitor = await other.newPage();
    try {
      await visitor.goto(p.login);
      await expectAccessible(visitor);
      await askForReset(visitor, locale, email);
      await expect(visitor.getByText(m.ForgotPasswordPage.sent.validity)).toBeVisible();
      await expectAccessible(visitor);

      const mail = await waitForMail(email, mailsBefore + 1);
      expect(mail.subject).toBe(EMAILS[locale].PasswordReset.subject);
      await visitor.goto(resetLink(mail.text));
      await waitForHydration(visitor, locale);
      await expect(
        visitor.getByRole('heading', { level: 1, name: m.ResetPasswordPage.title }),
      ).toBeVisible();
      await expect(visitor.getByText(m.ResetPasswordPage.passwordHint)).toBeVisible();
      await expectAccessible(visitor);

      // A mismatch first: the error summary names it and the link still works afterwards.
      await visitor.getByLabel(m.ResetPasswordPage.password, { exact: true }).fill(NEW_PASSWORD);
      await visitor
        .getByLabel(m.ResetPasswordPage.passwordConfirm, { exact: true })
        .fill('not the same passphrase at all');
      await visitor.getByRole('button', { name: m.ResetPasswordPage.submit }).click();
      const summary = visitor.getByRole('alert').filter({
        hasText: m.Fields.passwordConfirm.errors.mismatch,
      });
      await expect(summary).toBeVisible();
      await expect(visitor).toHaveTitle(new RegExp(`^${locale === 'fr' ? 'Erreur' : 'Error'}`));
      await expectAccessible(visitor);

      await visitor.getByLabel(m.ResetPasswordPage.password, { exact: true }).fill(NEW_PASSWORD);
      await visitor
        .getByLabel(m.ResetPasswordPage.passwordConfirm, { exact: true })
        .fill(NEW_PASSWORD);
      await visitor.getByRole('button', { name: m.ResetPasswordPage.submit }).click();
      await expect(visitor).toHaveURL(new RegExp(`${p.login}\\?notice=passwordReset$`));
      await expect(visitor.getByText(m.LoginPage.notices.passwordReset)).toBeVisible();

      const notice = await waitForMail(email, mailsBefore + 2);
      expect(notice.subject).toBe(EMAILS[locale].PasswordChanged.subject);

      // RST-04: the session opened before the reset has ended.
      await page.goto(p.dashboard);
      await expect(page).toHaveURL(new RegExp(`^[^?]*${p.login}`));

      // The old password no longer works; the new one does.
      await signIn(visitor, locale, email, PASSWORD);
      await expect(visitor.getByText(m.LoginPage.errors.invalid)).toBeVisible();
      await signIn(visitor, locale, email, NEW_PASSWORD);
      await expect(
        visitor.getByRole('heading', { level: 1, name: m.DashboardPage.title }),
      ).toBeVisible();

      // The link is spent.
      await visitor.goto(resetLink(mail.text));
      await expect(
        visitor.getByRole('heading', { level: 1, name: m.ResetPasswordPage.states.used.title }),
      ).toBeVisible();
      await expectAccessible(visitor);
    } finally {
      await other.close();
    }
  });

  test(`forgot password for an unknown address: same page, a "no account" email (${locale})`, async ({
    page,
  }) => {
    const email = uniqueEmail(`ghost-${locale}`);
    await askForReset(page, locale, email);
    const mail = await waitForMail(email);
    expect(mail.subject).toBe(EMAILS[locale].ResetNoAccount.subject);
    expect(mail.text).not.toMatch(/\?token=/);
  });

  test(`an unknown reset link explains itself and offers a new one (${locale})`, async ({
    page,
  }) => {
    const path = locale === 'fr' ? '/fr/reinitialiser-le-mot-de-passe' : '/en/reset-password';
    const response = await page.goto(`${path}?token=${'x'.repeat(43)}`);
    expect(response?.headers()['referrer-policy']).toBe('same-origin');
    await expect(
      page.getByRole('heading', { level: 1, name: m.ResetPasswordPage.states.notFound.title }),
    ).toBeVisible();
    await page.getByRole('link', { name: m.ResetPasswordPage.states.notFound.action }).click();
    await expect(page).toHaveURL(p.forgot);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('forgot and reset password work with plain forms (fr)', async ({ page }) => {
    const m = MESSAGES.fr;
    const email = await createActiveAccount(page, 'fr', uniqueEmail('reset-nojs'), {
      javaScript: false,
    });
    const before = mailCount(email);
    await page.context().clearCookies();
    await askForReset(page, 'fr', email);
    const mail = await waitForMail(email, before + 1);
    await page.goto(resetLink(mail.text));
    await page.getByLabel(m.ResetPasswordPage.password, { exact: true }).fill('court');
    await page.getByRole('button', { name: m.ResetPasswordPage.submit }).click();
    await expect(page.getByRole('alert').first()).toContainText(m.Fields.password.errors.tooShort);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel(m.ResetPasswordPage.password, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(m.ResetPasswordPage.passwordConfirm, { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: m.ResetPasswordPage.submit }).click();
    await expect(page.getByText(m.LoginPage.notices.passwordReset)).toBeVisible();
    await signIn(page, 'fr', email, NEW_PASSWORD);
    await expect(
      page.getByRole('heading', { level: 1, name: m.DashboardPage.title }),
    ).toBeVisible();
  });
});
