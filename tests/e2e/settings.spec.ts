import emailEn from '../../emails/messages/en.json';
import emailFr from '../../emails/messages/fr.json';
import {
  AREA,
  LOCALES,
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  expectAccessible,
  fillProfile,
  mailCount,
  signIn,
  test,
  uniqueEmail,
  waitForHydration,
  waitForMail,
} from './support/fixtures';

const EMAILS = { fr: emailFr, en: emailEn } as const;
const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';
const PATHS = {
  fr: {
    settings: '/fr/parametres',
    contact: '/fr/parametres/coordonnees',
    help: '/fr/aide',
    login: '/fr/connexion',
  },
  en: {
    settings: '/en/settings',
    contact: '/en/settings/contact-details',
    help: '/en/help',
    login: '/en/login',
  },
} as const;

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const s = m.SettingsPage;
  const p = PATHS[locale];
  const req = ` ${m.Form.required}`;

  test(`"Mes paramètres": contact details pre-fill the consent form, language, password, activity (${locale})`, async ({
    page,
  }) => {
    const email = await createActiveAccount(page, locale, uniqueEmail(`settings-${locale}`));
    const nav = page.getByRole('navigation', { name: m.Layout.mainNav });
    await nav.getByRole('link', { name: m.Layout.nav.settings }).click();
    await expect(page).toHaveURL(p.settings);
    await expect(page.getByRole('heading', { level: 1, name: s.title })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByText(s.contact.none)).toBeVisible();
    await expectAccessible(page);

    // Contact details: a mistake first, then saved, normalized.
    await page.getByRole('link', { name: s.contact.add }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: m.SettingsContactEditPage.title }),
    ).toBeVisible();
    await expectAccessible(page);
    await fillProfile(page, locale, { firstName: 'Jeanne', phone: '12345' });
    await page.getByRole('button', { name: m.SettingsContactEditPage.submit }).click();
    await expect(page.getByRole('link', { name: m.Profile.phone.errors.invalid })).toBeVisible();
    await expect(page.getByLabel(m.Profile.firstName.label + req, { exact: true })).toHaveValue(
      'Jeanne',
    );
    await expectAccessible(page);
    await page.getByLabel(m.Profile.phone.label + req, { exact: true }).fill('613 580 2424');
    await page.getByRole('button', { name: m.SettingsContactEditPage.submit }).click();
    await expect(page).toHaveURL(`${p.contact}?notice=contactSaved`);
    await expect(page.getByText(s.notices.contactSaved)).toBeVisible();
    await expect(page.getByText('613-580-2424')).toBeVisible();

    // The Building Code Services consent form is filled in from them.
    await page.goto(AREA[locale].register);
    await expect(page.getByLabel(m.Profile.firstName.label + req, { exact: true })).toHaveValue(
      'Jeanne',
    );
    await expect(page.getByLabel(m.Profile.postalCode.label, { exact: true })).toHaveValue(
      'K1P 1J1',
    );
    await expect(page.getByLabel(m.Profile.phone.label + req, { exact: true })).toHaveValue(
      '613-580-2424',
    );

    // Preferred language: the other one.
    const other = locale === 'fr' ? 'en' : 'fr';
    await page.goto(p.settings);
    await page.getByRole('link', { name: s.language.change }).click();
    await expectAccessible(page);
    await page.getByLabel(m.SettingsLanguagePage.options[other]).check();
    await page.getByRole('button', { name: m.SettingsLanguagePage.submit }).click();
    await expect(page.getByText(s.notices.languageSaved)).toBeVisible();

    // Change password: the current one is required and checked.
    await page.getByRole('link', { name: s.password.change }).click();
    await waitForHydration(page, locale);
    await expectAccessible(page);
    const form = m.SettingsPasswordPage;
    await page.getByLabel(form.currentPassword, { exact: true }).fill('not my password at all');
    await page.getByLabel(form.password, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(form.passwordConfirm, { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: form.submit }).click();
    await expect(page.getByRole('link', { name: form.errors.currentInvalid })).toBeVisible();
    await expectAccessible(page);
    const before = mailCount(email);
    await page.getByLabel(form.currentPassword, { exact: true }).fill(PASSWORD);
    await page.getByLabel(form.password, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(form.passwordConfirm, { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: form.submit }).click();
    await expect(page).toHaveURL(`${p.settings}?notice=passwordChanged`);
    await expect(page.getByText(s.notices.passwordChanged)).toBeVisible();
    // The notice goes out in the preferred language just chosen.
    const notice = await waitForMail(email, before + 1);
    expect(notice.subject).toBe(EMAILS[other].PasswordChanged.subject);

    // Recent security activity, newest first.
    const activity = page.getByRole('table', { name: s.activity.title });
    await expect(activity.getByRole('row').nth(1)).toContainText(s.activity.types.login_success);
    await expect(activity).toContainText(s.activity.types.password_changed);
    await expect(activity).toContainText(s.activity.types.password_change_failed);
    await expect(activity).toContainText(s.activity.types.contact_details_updated);
    await expectAccessible(page);

    // Signed out, the new password works.
    await page.context().clearCookies();
    await page.goto(p.login);
    await signIn(page, locale, email, NEW_PASSWORD);
    await expect(
      page.getByRole('heading', { level: 1, name: m.DashboardPage.title }),
    ).toBeVisible();
  });

  test(`"Aide" answers the guide's questions, signed out and signed in (${locale})`, async ({
    page,
  }) => {
    const h = m.HelpPage;
    await page.goto(p.login);
    const nav = page.getByRole('navigation', { name: m.Layout.mainNav });
    await nav.getByRole('link', { name: m.Layout.nav.help }).click();
    await expect(page).toHaveURL(p.help);
    await expect(page.getByRole('heading', { level: 1, name: h.title })).toBeVisible();
    for (const section of [
      h.account,
      h.expiredLink,
      h.forgotPassword,
      h.pin,
      h.contact,
      h.languages,
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: section.title })).toBeVisible();
    }
    await expect(page.getByText(h.contact.tty)).toBeVisible();
    await expect(nav.getByRole('link', { name: m.Layout.nav.login })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: m.LoginPage.forgotPassword }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: m.ForgotPasswordPage.title }),
    ).toBeVisible();

    await createActiveAccount(page, locale, uniqueEmail(`help-${locale}`));
    await page.goto(p.help);
    await expect(nav.getByRole('link', { name: m.Layout.nav.settings })).toBeVisible();
    await expect(nav.getByRole('button', { name: m.Layout.nav.logout })).toBeVisible();
  });
}
