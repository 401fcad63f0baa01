import emailEn from '../../emails/messages/en.json';
import emailFr from '../../emails/messages/fr.json';
import {
  LOCALES,
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  expectAccessible,
  mailCount,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
  plain,
} from './support/fixtures';

const EMAILS = { fr: emailFr, en: emailEn } as const;
const PATHS = {
  fr: {
    email: '/fr/parametres/courriel',
    settings: '/fr/parametres',
    login: '/fr/connexion',
    confirm: '/fr/confirmer-le-courriel',
  },
  en: {
    email: '/en/settings/email',
    settings: '/en/settings',
    login: '/en/login',
    confirm: '/en/confirm-email',
  },
} as const;

function confirmLink(text: string): string {
  const match = text.match(/https?:\/\/\S+?\?token=[\w-]+/);
  if (!match) throw new Error(`no confirmation link in: ${text}`);
  return match[0];
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const t = m.SettingsEmailPage;
  const c = m.ConfirmEmailPage;
  const p = PATHS[locale];

  test(`change the sign-in address: current password, link to the new address, notice to the old one, confirm, sign in with the new one (${locale})`, async ({
    page,
  }) => {
    const email = await createActiveAccount(page, locale, uniqueEmail(`email-${locale}`));
    const newEmail = uniqueEmail(`moved-${locale}`);
    const oldMails = mailCount(email);

    await page.goto(p.email);
    // Hydrated once the show/hide toggle exists: a click before would post the no-JS form.
    await expect(page.getByRole('button', { name: plain(t.currentPassword.show) })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
    await expect(page.getByText(email, { exact: true })).toBeVisible();
    await expectAccessible(page);

    // SES-07: a wrong current password is refused; the addresses stay, the password does not.
    const newEmailField = page.getByLabel(t.newEmail.label, { exact: true });
    const passwordField = page.getByLabel(t.currentPassword.label, { exact: true });
    await newEmailField.fill(newEmail);
    await page.getByLabel(t.newEmailConfirm.label, { exact: true }).fill(newEmail);
    await passwordField.fill('not my password at all');
    await page.getByRole('button', { name: t.submit }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: t.currentPassword.errors.invalid }),
    ).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${locale === 'fr' ? 'Erreur' : 'Error'}`));
    await expect(newEmailField).toHaveValue(newEmail);
    await expect(passwordField).toHaveValue('');
    await expectAccessible(page);

    await passwordField.fill(PASSWORD);
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(`${p.settings}?notice=emailChangeSent`);
    await expect(page.getByText(m.SettingsPage.notices.emailChangeSent)).toBeVisible();
    // Nothing changes before the link is used.
    await expect(page.getByText(email, { exact: true })).toBeVisible();

    const mail = await waitForMail(newEmail);
    expect(mail.subject).toBe(EMAILS[locale].EmailChangeConfirm.subject);
    const notice = await waitForMail(email, oldMails + 1);
    expect(notice.subject).toBe(EMAILS[locale].EmailChangeNotice.subject);
    expect(notice.text).toContain(`${newEmail[0]}•••@example.ca`);
    expect(notice.text).not.toContain(newEmail);
    expect(notice.text).not.toMatch(/\?token=/);

    // The GET only shows the address and a button (CSRF-03); the token URL leaks no Referer.
    const link = confirmLink(mail.text);
    expect(new URL(link).pathname).toBe(p.confirm);
    const response = await page.goto(link);
    expect(response?.headers()['referrer-policy']).toBe('same-origin');
    await expect(page.getByRole('heading', { level: 1, name: c.title })).toBeVisible();
    await expect(page.getByText(newEmail, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: c.submit, exact: true }).click();
    await expect(page).toHaveURL(`${p.settings}?notice=emailChanged`);
    await expect(page.getByText(m.SettingsPage.notices.emailChanged)).toBeVisible();
    await expect(page.getByText(newEmail, { exact: true })).toBeVisible();

    // Signed out, the old address no longer signs in; the new one does, with the same password.
    await page.getByRole('button', { name: m.Layout.nav.logout }).click();
    await expect(page).toHaveURL(new RegExp(`^[^?]*${p.login}`));
    await signIn(page, locale, email);
    await expect(page.getByText(m.LoginPage.errors.invalid)).toBeVisible();
    await signIn(page, locale, newEmail);
    await expect(
      page.getByRole('heading', { level: 1, name: m.DashboardPage.title }),
    ).toBeVisible();

    // The link is spent.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: c.states.used.title })).toBeVisible();
    await expectAccessible(page);
  });

  test(`an unknown confirmation link explains itself and offers a new request (${locale})`, async ({
    page,
  }) => {
    const response = await page.goto(`${p.confirm}?token=${'x'.repeat(43)}`);
    expect(response?.headers()['referrer-policy']).toBe('same-origin');
    await expect(
      page.getByRole('heading', { level: 1, name: c.states.notFound.title }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: c.states.notFound.action }).click();
    // "Mes paramètres" pages need a session: the login page, with the way back.
    await expect(page).toHaveURL(new RegExp(`^[^?]*${p.login}\\?callbackUrl=`));
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the email change works with plain forms, "Erreur : " in the title on errors (fr)', async ({
    page,
  }) => {
    const m = MESSAGES.fr;
    const t = m.SettingsEmailPage;
    const email = await createActiveAccount(page, 'fr', uniqueEmail('email-nojs'), {
      javaScript: false,
    });
    const newEmail = uniqueEmail('moved-nojs');
    await page.goto(PATHS.fr.email);
    await page.getByLabel(t.newEmail.label, { exact: true }).fill(newEmail);
    await page.getByLabel(t.newEmailConfirm.label, { exact: true }).fill(newEmail);
    await page.getByRole('button', { name: t.submit }).click();
    // SES-07: no current password, no request.
    await expect(page.getByRole('alert').first()).toContainText(t.currentPassword.errors.required);
    await expect(page).toHaveTitle(new RegExp(`^${m.ErrorSummary.titlePrefix}${t.title}`));
    await expect(page.getByLabel(t.newEmail.label, { exact: true })).toHaveValue(newEmail);
    await page.getByLabel(t.currentPassword.label, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(`${PATHS.fr.settings}?notice=emailChangeSent`);

    await page.goto(confirmLink((await waitForMail(newEmail)).text));
    await page.getByRole('button', { name: m.ConfirmEmailPage.submit, exact: true }).click();
    await expect(page).toHaveURL(`${PATHS.fr.settings}?notice=emailChanged`);
    await expect(page.getByText(newEmail, { exact: true })).toBeVisible();
    await expect(page.getByText(email, { exact: true })).toHaveCount(0);
  });
});
