import {
  MESSAGES,
  PASSWORD,
  activationLink,
  expect,
  expectAccessibleWithoutJs,
  fillCreateAccount,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
  plain,
} from './support/fixtures';

/**
 * The same journey with JavaScript turned off: every form is a plain HTML POST (the server action's
 * no-JS multipart form), every answer a full page. axe cannot run in a page without JavaScript, so
 * `expectAccessibleWithoutJs` checks a script-free copy of the page as rendered.
 */
test.use({ javaScriptEnabled: false });

test('without JavaScript, a resident creates an account, activates it, signs out and in again (fr)', async ({
  page,
}) => {
  const m = MESSAGES.fr;
  const email = uniqueEmail('nojs');

  // The home redirects to the login page on the server.
  await page.goto('/fr');
  await expect(page).toHaveURL('/fr/connexion');
  await page.getByRole('link', { name: m.LoginPage.createAccount }).click();
  await expect(page).toHaveURL('/fr/creer-un-compte');
  const form = page.locator('main form');
  await expect(form).toHaveAttribute('method', /post/i);
  // No show/hide toggle without JavaScript: the password stays a plain type=password input.
  await expect(page.getByRole('button', { name: plain(m.Form.showPassword) })).toHaveCount(0);

  // 1. A first attempt with mistakes: the server answers with the page and its errors.
  await fillCreateAccount(page, 'fr', {
    email,
    passwordConfirm: 'something else entirely',
    accept: false,
  });
  await expect(page).toHaveURL('/fr/creer-un-compte');
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(summary).toBeVisible();
  await expect(
    summary.getByRole('link', { name: m.Fields.passwordConfirm.errors.mismatch }),
  ).toHaveAttribute('href', '#passwordConfirm');
  await expect(
    summary.getByRole('link', { name: m.Fields.acceptTerms.errors.required }),
  ).toHaveAttribute('href', '#acceptTerms');
  // The summary links jump to their field with no script at all (plain fragment links).
  await summary.getByRole('link', { name: m.Fields.passwordConfirm.errors.mismatch }).click();
  await expect(page).toHaveURL('/fr/creer-un-compte#passwordConfirm');
  // Inline messages beside the fields, same words as the summary.
  await expect(page.locator('#passwordConfirm-error')).toContainText(
    m.Fields.passwordConfirm.errors.mismatch,
  );
  await expect(page.locator('#acceptTerms-error')).toContainText(
    m.Fields.acceptTerms.errors.required,
  );
  // Answers kept, passwords never sent back.
  await expect(page.getByLabel(m.CreateAccountPage.email, { exact: true })).toHaveValue(email);
  await expect(page.getByLabel(m.CreateAccountPage.emailConfirm, { exact: true })).toHaveValue(
    email,
  );
  await expect(page.getByLabel(m.CreateAccountPage.password, { exact: true })).toHaveValue('');
  await expect(page.getByLabel(m.CreateAccountPage.passwordConfirm, { exact: true })).toHaveValue(
    '',
  );
  await expectAccessibleWithoutJs(page);
  // UX.md row 2: "Erreur : " starts the <title> of a page with errors, without JavaScript too.
  await expect(page).toHaveTitle(
    `${m.ErrorSummary.titlePrefix}${m.CreateAccountPage.title} – ${m.Metadata.siteName}`,
  );

  // 2. Valid this time: the check-email page shows the address.
  await fillCreateAccount(page, 'fr', { email });
  // (The browser keeps the #passwordConfirm fragment across the 303 redirect: compare paths.)
  await expect(page).toHaveURL(
    (url) => url.pathname === '/fr/creer-un-compte/verifiez-vos-courriels',
  );
  await expect(page.getByRole('heading', { level: 1, name: m.CheckEmailPage.title })).toBeVisible();
  await expect(page.locator('main')).toContainText(email);
  await expect(page.getByRole('button', { name: m.CheckEmailPage.resend })).toBeVisible();
  await expectAccessibleWithoutJs(page);

  // 3. The emailed link asks for the password; submitting it activates and signs in.
  // (This plain POST needs the browser to send the page's Origin: with `Referrer-Policy:
  // no-referrer` on the token page it sent `Origin: null` and Next.js refused the action with a
  // bare 500, which is why the token pages use `same-origin`.)
  const link = activationLink(await waitForMail(email));
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: m.ActivatePage.title })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.getByLabel(m.ActivatePage.password, { exact: true }).fill('not my passphrase at all');
  await page.getByRole('button', { name: m.ActivatePage.submit }).click();
  await expect(
    page
      .getByRole('alert', { name: m.ErrorSummary.title })
      .getByRole('link', { name: m.ActivatePage.errors.invalidPassword }),
  ).toHaveAttribute('href', '#password');
  await expect(page.getByLabel(m.ActivatePage.password, { exact: true })).toHaveValue('');
  await expectAccessibleWithoutJs(page);
  await page.getByLabel(m.ActivatePage.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.ActivatePage.submit }).click();
  await expect(page).toHaveURL('/fr/tableau-de-bord?notice=activated');
  await expect(page.getByRole('heading', { level: 1, name: m.DashboardPage.title })).toBeVisible();
  await expect(page.locator('main')).toContainText(email);

  // 4. Sign out: a button in the header, inside a POST form.
  const nav = page.getByRole('navigation', { name: m.Layout.mainNav });
  const logout = nav.getByRole('button', { name: m.Layout.nav.logout });
  await expect(logout).toBeVisible();
  await expect(
    nav.locator('form', { has: page.getByRole('button', { name: m.Layout.nav.logout }) }),
  ).toHaveAttribute('method', /post/i);
  await logout.click();
  await expect(page).toHaveURL('/fr/connexion?notice=signedOut');
  await expect(page.getByRole('status')).toHaveText(m.LoginPage.notices.signedOut);
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL(/\/fr\/connexion\?callbackUrl=/);

  // 5. Sign in again: back on the dashboard (the callbackUrl of the redirect).
  await signIn(page, 'fr', email);
  await expect(page).toHaveURL('/fr/tableau-de-bord');
  await expect(page.getByRole('heading', { level: 1, name: m.DashboardPage.title })).toBeVisible();
});

test('without JavaScript, a wrong password gives the generic sign-in error (en)', async ({
  page,
}) => {
  const m = MESSAGES.en;
  const email = uniqueEmail('nojs-en');
  await page.goto('/en/login');
  await signIn(page, 'en', email, 'a wrong passphrase here');
  await expect(page).toHaveURL('/en/login');
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(m.LoginPage.errors.invalid);
  await expect(page.getByLabel(m.LoginPage.email, { exact: true })).toHaveValue(email);
  await expect(page.getByLabel(m.LoginPage.password, { exact: true })).toHaveValue('');
  await expectAccessibleWithoutJs(page);
  // Empty fields: the field errors come back from the server, linked from the summary.
  await page.getByLabel(m.LoginPage.email, { exact: true }).fill('');
  await page.getByRole('button', { name: m.LoginPage.submit, exact: true }).click();
  await expect(
    page
      .getByRole('alert', { name: m.ErrorSummary.title })
      .getByRole('link', { name: m.Fields.email.errors.required }),
  ).toHaveAttribute('href', '#email');
  await expectAccessibleWithoutJs(page);
});

test('REG-03: without JavaScript, an email address with a text-direction control is refused beside the field and in the summary (fr, en)', async ({
  page,
}) => {
  for (const locale of ['fr', 'en'] as const) {
    const m = MESSAGES[locale];
    await page.goto(locale === 'fr' ? '/fr/mot-de-passe-oublie' : '/en/forgot-password');
    // U+202E, RIGHT-TO-LEFT OVERRIDE: invisible, it would show the address reversed.
    await page
      .getByLabel(m.ForgotPasswordPage.email, { exact: true })
      .fill('jean\u202e@example.ca');
    await page.getByRole('button', { name: m.ForgotPasswordPage.submit, exact: true }).click();
    const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
    await expect(
      summary.getByRole('link', { name: m.Fields.email.errors.characters }),
    ).toHaveAttribute('href', '#email');
    await expect(page.locator('#email-error')).toContainText(m.Fields.email.errors.characters);
  }
});
