/**
 * Issue 15, items 4 and 11: say only what the service knows, and reassure where a resident was
 * left guessing. Each test fails on the pages as they were before (a status table of 3-1-1
 * requests, "vous pouvez maintenant utiliser les services en ligne" above a list without links,
 * no word after activation, no reason on the login page, no address after "forgot password",
 * "we sent a link" under "if an account matches", "Le mot de passe…" for the new one).
 */
import {
  LOCALES,
  MESSAGES,
  PASSWORD,
  activationLink,
  createActiveAccount,
  expect,
  expectAccessible,
  fillConsent,
  fillCreateAccount,
  mailCount,
  signIn,
  test,
  uniqueEmail,
  waitForHydration,
  waitForMail,
} from './support/fixtures';
import { at, hydrated } from './support/pages';

// Served in production mode: a `__Host-` cookie, as the activation page's (security.spec.ts).
const RESET_COOKIE = '__Host-monso.reset-email';
const withEmail = (text: string, email: string) =>
  text.replace(/<strong>\{email\}<\/strong>/, email);

for (const locale of LOCALES) {
  const m = MESSAGES[locale];

  test(`the dashboard says the account is activated, and links to 3-1-1 requests without a status table (${locale})`, async ({
    page,
  }) => {
    await createActiveAccount(page, locale, uniqueEmail(`activated-${locale}`));
    await expect(page).toHaveURL(`${at('/dashboard', locale)}?notice=activated`);
    await expect(page.getByRole('status')).toHaveText(m.DashboardPage.activated);

    // 3-1-1 requests live in another City system: a link there, never a status.
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: m.DashboardPage.widgets.serviceRequests.title }),
    });
    await expect(card).toContainText(m.DashboardPage.widgets.serviceRequests.text);
    await expect(
      card.getByRole('link', { name: m.DashboardPage.widgets.serviceRequests.link }),
    ).toHaveAttribute('href', /^https:\/\/ottawa\.ca\/(fr|en)\/3-1-1\//);
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('main')).not.toContainText(
      locale === 'fr'
        ? /Numéro de suivi|aucune demande de service/
        : /Tracking number|no service requests/,
    );
    await expectAccessible(page);

    // The notice belongs to the activation only.
    await page.goto(at('/dashboard', locale));
    await expect(page.getByRole('status')).toHaveCount(0);
  });

  test(`the Building Code Services home says what can be done now and how to reach the City (${locale})`, async ({
    page,
  }) => {
    await createActiveAccount(page, locale, uniqueEmail(`bcs-home-${locale}`));
    await page.goto(at('/building-code-services/register', locale));
    await fillConsent(page, locale);
    await page.getByRole('button', { name: m.ClientRecordPage.skipSubmit }).click();
    await expect(page).toHaveURL(at('/building-code-services', locale));
    const main = page.getByRole('main');
    await expect(main).not.toContainText(
      locale === 'fr' ? /vous pouvez maintenant utiliser/i : /you can now use/i,
    );
    await expect(main).toContainText(m.BuildingHomePage.intro);
    await expect(main).toContainText(m.BuildingHomePage.requestsText);
    await expect(main.getByRole('link', { name: '3-1-1', exact: true })).toHaveAttribute(
      'href',
      'tel:311',
    );
    await expectAccessible(page);
  });

  test(`a protected page says why it sent the person to sign in (${locale})`, async ({ page }) => {
    const email = await createActiveAccount(page, locale, uniqueEmail(`why-login-${locale}`));
    await page.context().clearCookies();
    await page.goto(at('/settings', locale));
    await expect(page).toHaveURL(new RegExp(`${at('/login', locale)}\\?callbackUrl=`));
    await expect(page.getByRole('status')).toHaveText(m.LoginPage.notices.signInRequired);
    await expectAccessible(page);
    // The login page opened by itself, or with another notice, says only that notice.
    await page.goto(at('/login', locale));
    await expect(page.getByRole('status')).toHaveCount(0);
    await page.goto(
      `${at('/login', locale)}?notice=timedOut&callbackUrl=${encodeURIComponent(at('/settings', locale))}`,
    );
    await expect(page.getByRole('status')).not.toContainText(m.LoginPage.notices.signInRequired);
    // Signed in, back to the page asked for.
    await page.goto(at('/settings', locale));
    await waitForHydration(page, locale);
    await signIn(page, locale, email);
    await expect(page).toHaveURL(at('/settings', locale));
  });

  test(`PRIV-04: "forgot password" shows the address typed, from a short-lived HttpOnly cookie cleared on sign-in (${locale})`, async ({
    page,
    context,
  }) => {
    const email = await createActiveAccount(page, locale, uniqueEmail(`reset-addr-${locale}`));
    await page.context().clearCookies();
    const before = mailCount(email);
    await page.goto(at('/forgot-password', locale));
    await hydrated(page);
    await page.getByLabel(m.ForgotPasswordPage.email, { exact: true }).fill(email.toUpperCase());
    await page.getByRole('button', { name: m.ForgotPasswordPage.submit }).click();
    await expect(page).toHaveURL(`${at('/forgot-password', locale)}?sent=1`);
    await expect(page.getByRole('main')).toContainText(
      withEmail(m.ForgotPasswordPage.sent.bodyTo, email),
    );
    expect(page.url()).not.toContain(encodeURIComponent(email));
    const cookie = (await context.cookies()).find((c) => c.name === RESET_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    const lifetime = cookie!.expires - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(14 * 60);
    expect(lifetime).toBeLessThanOrEqual(15 * 60 + 5);
    await expectAccessible(page);
    await waitForMail(email, before + 1);

    // Signing in removes it: the next person at this computer will not see it.
    await page.goto(at('/login', locale));
    await waitForHydration(page, locale);
    await signIn(page, locale, email);
    await expect(page).toHaveURL(at('/dashboard', locale));
    expect((await context.cookies()).find((c) => c.name === RESET_COOKIE)).toBeUndefined();
  });

  test(`after "send a new link", the check-email page does not claim what it cannot know; the activation page has a way out (${locale})`, async ({
    page,
  }) => {
    const email = uniqueEmail(`resend-${locale}`);
    await page.goto(at('/create-account', locale));
    await fillCreateAccount(page, locale, { email });
    await expect(page).toHaveURL(at('/create-account/check-email', locale));
    const main = page.getByRole('main');
    await expect(main).toContainText(withEmail(m.CheckEmailPage.sentTo, email));
    await waitForMail(email, 1);

    await page.getByRole('button', { name: m.CheckEmailPage.resend }).click();
    await expect(page).toHaveURL(`${at('/create-account/check-email', locale)}?resent=1`);
    await expect(page.getByRole('status')).toHaveText(withEmail(m.CheckEmailPage.resentTo, email));
    // "We sent an activation link to …" would contradict "if an account … matches".
    await expect(main).not.toContainText(withEmail(m.CheckEmailPage.sentTo, email));
    await expectAccessible(page);

    // Someone who forgot the password just chosen can leave the activation page.
    await page.goto(activationLink(await waitForMail(email, 2)));
    await waitForHydration(page, locale);
    await page.getByRole('link', { name: m.ActivatePage.forgotPassword }).click();
    await expect(page).toHaveURL(at('/forgot-password', locale));
  });

  test(`"Changer le mot de passe" names the new password in its errors (${locale})`, async ({
    page,
  }) => {
    await createActiveAccount(page, locale, uniqueEmail(`new-pw-${locale}`));
    await page.goto(at('/settings/password', locale));
    await waitForHydration(page, locale);
    const t = m.SettingsPasswordPage;
    await page.getByLabel(t.currentPassword, { exact: true }).fill(PASSWORD);
    await page.getByLabel(t.password, { exact: true }).fill('court');
    await page.getByLabel(t.passwordConfirm, { exact: true }).fill('autre');
    await page.getByRole('button', { name: t.submit }).click();
    const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
    await expect(summary.getByRole('link', { name: t.errors.newPassword.tooShort })).toBeVisible();
    await expect(
      summary.getByRole('link', { name: t.errors.newPasswordConfirm.mismatch }),
    ).toBeVisible();
    await expect(summary).toContainText(locale === 'fr' ? /nouveau mot de passe/ : /new password/);
    await expectAccessible(page);
  });
}
