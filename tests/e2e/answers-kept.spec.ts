import type { Page } from '@playwright/test';
import {
  AREA,
  LOCALES,
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  expectAccessible,
  expectAccessibleWithoutJs,
  fillCreateAccount,
  test,
  uniqueEmail,
  waitForHydration,
  type Locale,
} from './support/fixtures';
import { hydrated } from './support/pages';

/**
 * What a person chose stays on the screen after an error (UX.md row 4), in every kind of field:
 * React 19 resets a form after its action, so selects, radios and checkboxes are checked here as
 * well as text inputs, with JavaScript and without. Passwords alone are not sent back: the page
 * says so at their fields.
 */

const PATHS = {
  fr: {
    contact: '/fr/parametres/coordonnees/modifier',
    language: '/fr/parametres/langue',
    password: '/fr/parametres/mot-de-passe',
    createAccount: '/fr/creer-un-compte',
    checkEmail: '/fr/creer-un-compte/verifiez-vos-courriels',
  },
  en: {
    contact: '/en/settings/contact-details/edit',
    language: '/en/settings/language',
    password: '/en/settings/password',
    createAccount: '/en/create-account',
    checkEmail: '/en/create-account/check-your-email',
  },
} as const;

/** The titles offered, in the same order in both languages: one for all women (item 8). */
const TITLES = {
  fr: [
    ['', '(aucun)'],
    ['mr', 'M.'],
    ['ms', 'Mme'],
    ['mx', 'Mx'],
    ['dr', 'Dr ou Dre'],
  ],
  en: [
    ['', '(none)'],
    ['mr', 'Mr.'],
    ['ms', 'Ms.'],
    ['mx', 'Mx.'],
    ['dr', 'Dr.'],
  ],
} as const;

/** Every select of the profile, answered with something other than its first option. */
async function answerProfileChoices(page: Page, locale: Locale) {
  const m = MESSAGES[locale];
  const req = ` ${m.Form.required}`;
  const p = m.Profile;
  await page.getByLabel(p.title.label, { exact: true }).selectOption('ms');
  await page.getByLabel(p.firstName.label + req, { exact: true }).fill('Jeanne');
  await page
    .getByLabel(p.communicationLanguage.label + req, { exact: true })
    .selectOption(locale === 'fr' ? 'en' : 'fr');
  // A province with a country other than Canada: the error this page must show beside them.
  await page.getByLabel(p.province.label, { exact: true }).selectOption('ON');
  await page.getByLabel(p.country.label, { exact: true }).selectOption('US');
}

async function expectProfileChoicesKept(page: Page, locale: Locale) {
  const m = MESSAGES[locale];
  const req = ` ${m.Form.required}`;
  const p = m.Profile;
  await expect(page.getByRole('link', { name: p.province.errors.outsideCanada })).toBeVisible();
  await expect(page.getByLabel(p.title.label, { exact: true })).toHaveValue('ms');
  await expect(page.getByLabel(p.firstName.label + req, { exact: true })).toHaveValue('Jeanne');
  await expect(page.getByLabel(p.communicationLanguage.label + req, { exact: true })).toHaveValue(
    locale === 'fr' ? 'en' : 'fr',
  );
  await expect(page.getByLabel(p.province.label, { exact: true })).toHaveValue('ON');
  await expect(page.getByLabel(p.country.label, { exact: true })).toHaveValue('US');
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const req = ` ${m.Form.required}`;

  test(`every select, radio and checkbox keeps the answer after an error, with JavaScript (${locale})`, async ({
    page,
  }) => {
    await createActiveAccount(page, locale, uniqueEmail(`kept-${locale}`));

    // "Mes coordonnées": the title list is the same in both languages, then the selects.
    await page.goto(PATHS[locale].contact);
    await hydrated(page);
    const titles = page.getByLabel(m.Profile.title.label, { exact: true }).locator('option');
    await expect(titles).toHaveText(TITLES[locale].map(([, label]) => label));
    expect(await titles.evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(
      TITLES[locale].map(([value]) => value),
    );
    await answerProfileChoices(page, locale);
    await page.getByRole('button', { name: m.SettingsContactEditPage.submit }).click();
    await expectProfileChoicesKept(page, locale);
    await expectAccessible(page);

    // The consent form: the same selects, and its checkbox.
    await page.goto(AREA[locale].register);
    await hydrated(page);
    await answerProfileChoices(page, locale);
    await page.getByLabel(m.RegisterPage.consent + req).check();
    await page.getByRole('button', { name: m.RegisterPage.submit, exact: true }).click();
    await expectProfileChoicesKept(page, locale);
    await expect(page.getByLabel(m.RegisterPage.consent + req)).toBeChecked();

    // Radios: the preferred language, sent with none chosen, comes back with none chosen.
    await page.goto(PATHS[locale].language);
    await hydrated(page);
    const radios = page.locator('main input[type="radio"]');
    await radios.evaluateAll((all) =>
      all.forEach((r) => ((r as HTMLInputElement).checked = false)),
    );
    await page.getByRole('button', { name: m.SettingsLanguagePage.submit }).click();
    await expect(
      page.getByRole('link', { name: m.SettingsLanguagePage.errors.required }),
    ).toBeVisible();
    await expect(radios.first()).not.toBeChecked();
    await expect(radios.last()).not.toBeChecked();
  });

  test(`"Créez votre compte": an email typo, then fixed, without losing the rest (${locale})`, async ({
    page,
  }) => {
    const t = m.CreateAccountPage;
    const email = uniqueEmail(`typo-${locale}`);
    await page.goto(PATHS[locale].createAccount);
    await waitForHydration(page, locale);
    await fillCreateAccount(page, locale, { email, emailConfirm: email.replace('@', '@@') });
    await expectOnlyEmailConfirmError(page, locale);
    await expect(page.getByLabel(t.email, { exact: true })).toHaveValue(email);
    await expect(page.getByLabel(t.acceptTerms)).toBeChecked();
    await expectAccessible(page);

    // Fixed: the passwords again, as the page asked, and nothing else.
    await page.getByLabel(t.emailConfirm, { exact: true }).fill(email);
    await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
    await page.getByLabel(t.passwordConfirm, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(PATHS[locale].checkEmail);
  });

  test(`"Changer le mot de passe": after a wrong current password, the page asks for the passwords again (${locale})`, async ({
    page,
  }) => {
    const t = m.SettingsPasswordPage;
    await createActiveAccount(page, locale, uniqueEmail(`pwd-notice-${locale}`));
    await page.goto(PATHS[locale].password);
    await waitForHydration(page, locale);
    await page.getByLabel(t.currentPassword, { exact: true }).fill('not the password at all');
    await page.getByLabel(t.password, { exact: true }).fill('quatre chevaux bleus sous la neige');
    await page
      .getByLabel(t.passwordConfirm, { exact: true })
      .fill('quatre chevaux bleus sous la neige');
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page.getByRole('link', { name: t.errors.currentInvalid })).toBeVisible();
    // The field with the error says why; the others say they must be entered again.
    await expect(
      page.getByLabel(t.currentPassword, { exact: true }),
    ).not.toHaveAccessibleDescription(new RegExp(escape(m.Form.reenterPassword)));
    for (const label of [t.password, t.passwordConfirm]) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveValue('');
      await expect(field).toHaveAccessibleDescription(new RegExp(escape(m.Form.reenterPassword)));
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    }
    await expectAccessible(page);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const locale of LOCALES) {
    const m = MESSAGES[locale];
    const req = ` ${m.Form.required}`;

    test(`answers and choices stay after an error, and the page asks for the passwords again (${locale})`, async ({
      page,
    }) => {
      const email = uniqueEmail(`nojs-typo-${locale}`);
      await page.goto(PATHS[locale].createAccount);
      await fillCreateAccount(page, locale, { email, emailConfirm: email.replace('@', '@@') });
      await expectOnlyEmailConfirmError(page, locale);
      await expect(page.getByLabel(m.CreateAccountPage.acceptTerms)).toBeChecked();
      await expectAccessibleWithoutJs(page);

      await createActiveAccount(page, locale, uniqueEmail(`nojs-kept-${locale}`), {
        javaScript: false,
      });
      await page.goto(AREA[locale].register);
      await answerProfileChoices(page, locale);
      await page.getByLabel(m.RegisterPage.consent + req).check();
      await page.getByRole('button', { name: m.RegisterPage.submit, exact: true }).click();
      await expectProfileChoicesKept(page, locale);
      await expect(page.getByLabel(m.RegisterPage.consent + req)).toBeChecked();
      await expectAccessibleWithoutJs(page);
    });
  }
});

/**
 * After "email typo": one error, at the confirmation; both passwords empty, each saying it must
 * be entered again, which is not an error (not in the summary, not invalid).
 */
async function expectOnlyEmailConfirmError(page: Page, locale: Locale) {
  const m = MESSAGES[locale];
  const t = m.CreateAccountPage;
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(summary.getByRole('link')).toHaveText([m.Fields.emailConfirm.errors.mismatch]);
  await expect(summary).not.toContainText(m.Form.reenterPassword);
  for (const label of [t.password, t.passwordConfirm]) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveValue('');
    await expect(field).toHaveAccessibleDescription(new RegExp(escape(m.Form.reenterPassword)));
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
