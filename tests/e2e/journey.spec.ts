import {
  BASE_URL,
  LOCALES,
  MESSAGES,
  PASSWORD,
  activationLink,
  expect,
  expectAccessible,
  fillCreateAccount,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
} from './support/fixtures';

const PATHS = {
  fr: {
    login: '/fr/connexion',
    create: '/fr/creer-un-compte',
    dashboard: '/fr/tableau-de-bord',
    check: '/fr/creer-un-compte/verifiez-vos-courriels',
  },
  en: {
    login: '/en/login',
    create: '/en/create-account',
    dashboard: '/en/dashboard',
    check: '/en/create-account/check-your-email',
  },
} as const;

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const p = PATHS[locale];

  // `@neon`: the French one also runs on PostgreSQL through the Neon driver (test:e2e:neon).
  test(`a new resident creates an account, activates it, signs out and in again (${locale})${locale === 'fr' ? ' @neon' : ''}`, async ({
    page,
  }) => {
    const email = uniqueEmail(locale);

    // 1. The portal's home is the login page.
    await page.goto(`/${locale}`);
    await expect(page).toHaveURL(p.login);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page).toHaveTitle(new RegExp(`^${m.LoginPage.title} – `));
    await expect(page.getByRole('heading', { level: 1, name: m.LoginPage.title })).toBeVisible();
    await expect(page.getByRole('link', { name: m.LoginPage.forgotPassword })).toBeVisible();
    await expect(page.getByRole('heading', { name: m.LoginPage.noAccountTitle })).toBeVisible();
    await expectAccessible(page);

    // 2. Create the account; first with a mistake, which keeps the other answers.
    await page.getByRole('link', { name: m.LoginPage.createAccount }).click();
    await expect(page).toHaveURL(p.create);
    await expect(page.getByText(m.CreateAccountPage.allRequired)).toBeVisible();
    await expect(page.getByRole('heading', { name: m.Terms.title })).toBeVisible();
    await expectAccessible(page);
    await fillCreateAccount(page, locale, {
      email,
      passwordConfirm: 'something else entirely',
      accept: false,
    });
    const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(
      summary.getByRole('link', { name: m.Fields.passwordConfirm.errors.mismatch }),
    ).toBeVisible();
    await expect(
      summary.getByRole('link', { name: m.Fields.acceptTerms.errors.required }),
    ).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${m.ErrorSummary.titlePrefix}`));
    await expect(page.getByLabel(m.CreateAccountPage.email, { exact: true })).toHaveValue(email);
    await expect(page.getByLabel(m.CreateAccountPage.password, { exact: true })).toHaveValue('');
    await expectAccessible(page);
    await fillCreateAccount(page, locale, { email });

    // The "check your email" page: the address, 48 hours, a way to send it again.
    await expect(page).toHaveURL(p.check);
    await expect(
      page.getByRole('heading', { level: 1, name: m.CheckEmailPage.title }),
    ).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByText(m.CheckEmailPage.expiry)).toBeVisible();
    await expect(page.getByRole('button', { name: m.CheckEmailPage.resend })).toBeVisible();
    await expectAccessible(page);

    // 3. The activation email, in the language used, HTML and plain text.
    const mail = await waitForMail(email);
    const link = activationLink(mail);
    expect(
      link.startsWith(`${BASE_URL}/${locale}/${locale === 'fr' ? 'activer' : 'activate'}?token=`),
    ).toBe(true);
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.html).toContain(locale === 'fr' ? 'Activer mon compte' : 'Activate my account');
    expect(mail.text).toContain(link);

    // 4. The link asks for the password; a wrong one is refused, the right one activates.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: m.ActivatePage.title })).toBeVisible();
    await expectAccessible(page);
    await page
      .getByLabel(m.ActivatePage.password, { exact: true })
      .fill('not my passphrase at all');
    await page.getByRole('button', { name: m.ActivatePage.submit }).click();
    await expect(
      page
        .getByRole('alert', { name: m.ErrorSummary.title })
        .getByRole('link', { name: m.ActivatePage.errors.invalidPassword }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel(m.ActivatePage.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: m.ActivatePage.submit }).click();

    // 5. Signed in, on the dashboard, which says the account is activated.
    await expect(page).toHaveURL(`${p.dashboard}?notice=activated`);
    await expect(
      page.getByRole('heading', { level: 1, name: m.DashboardPage.title }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: m.DashboardPage.welcome })).toBeVisible();
    await expect(page.getByRole('link', { name: m.DashboardPage.survey })).toBeVisible();
    for (const widget of Object.values(m.DashboardPage.widgets)) {
      await expect(page.getByRole('heading', { level: 3, name: widget.title })).toBeVisible();
    }
    // 3-1-1 requests live in another City system: a link there, no status the portal lacks.
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(
      page.getByRole('link', { name: m.DashboardPage.widgets.serviceRequests.link }),
    ).toHaveAttribute('href', /3-1-1/);
    await expect(
      page.getByRole('link', { name: m.DashboardPage.widgets.buildingServices.link }),
    ).toHaveAttribute(
      'href',
      locale === 'fr' ? '/fr/services-du-code-du-batiment' : '/en/building-code-services',
    );
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: m.Layout.nav.settings })).toBeVisible();
    await expect(nav.getByRole('link', { name: m.Layout.nav.help })).toBeVisible();
    await expectAccessible(page);

    // 6. Sign out (a POST), then sign in again.
    await nav.getByRole('button', { name: m.Layout.nav.logout }).click();
    await expect(page).toHaveURL(new RegExp(`${p.login}\\?notice=signedOut$`));
    await expect(page.getByText(m.LoginPage.notices.signedOut)).toBeVisible();
    await page.goto(p.dashboard);
    await expect(page).toHaveURL(new RegExp(`^[^?]*${p.login}\\?callbackUrl=`));
    await signIn(page, locale, email, 'a wrong passphrase here');
    await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
      m.LoginPage.errors.invalid,
    );
    await expect(page.getByLabel(m.LoginPage.email, { exact: true })).toHaveValue(email);
    await expectAccessible(page);
    await signIn(page, locale, email);
    await expect(page).toHaveURL(p.dashboard);
  });

  test(`the language toggle opens the same page in the other language (${locale})`, async ({
    page,
  }) => {
    const other = locale === 'fr' ? 'en' : 'fr';
    await page.goto(p.create);
    const toggle = page.getByRole('link', { name: m.Layout.languageToggle.label });
    await expect(toggle).toHaveAttribute('lang', other);
    await toggle.click();
    await expect(page).toHaveURL(PATHS[other].create);
    await expect(page.locator('html')).toHaveAttribute('lang', other);
  });

  test(`unknown pages get the localized 404 (${locale})`, async ({ page }) => {
    for (const path of [
      `/${locale}/nowhere-at-all`,
      `/${locale}/${locale === 'fr' ? 'parametres/inconnu' : 'settings/unknown'}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      // The server's HTML is the page itself (readable without JavaScript), not an error shell.
      expect(await response!.text()).toContain(`>${m.NotFoundPage.title}</h1>`);
      await expect(page).toHaveTitle(new RegExp(`^${m.NotFoundPage.title} – `));
      await expect(
        page.getByRole('heading', { level: 1, name: m.NotFoundPage.title }),
      ).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
    }
    await expectAccessible(page);
  });
}

test('each activation-link state has its own page and way forward', async ({ page }) => {
  const m = MESSAGES.fr;
  const email = uniqueEmail('states');
  await page.goto('/fr/creer-un-compte');
  await fillCreateAccount(page, 'fr', { email });
  const first = activationLink(await waitForMail(email, 1));

  // A new link from the check-email page retires the first one.
  await page.getByRole('button', { name: m.CheckEmailPage.resend }).click();
  await expect(page.getByRole('status')).toHaveText(
    m.CheckEmailPage.resentTo.replace('<strong>{email}</strong>', email),
  );
  const second = activationLink(await waitForMail(email, 2));
  expect(second).not.toBe(first);

  await page.goto(first);
  await expect(
    page.getByRole('heading', { level: 1, name: m.ActivatePage.states.superseded.title }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: m.ActivatePage.states.superseded.action }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto('/fr/activer?token=not-a-real-token');
  await expect(
    page.getByRole('heading', { level: 1, name: m.ActivatePage.states.notFound.title }),
  ).toBeVisible();
  await expectAccessible(page);

  // Opening the link (as a mail scanner would) changes nothing: it still works afterwards.
  await page.goto(second);
  await page.goto(second);
  await page.getByLabel(m.ActivatePage.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.ActivatePage.submit }).click();
  await expect(page).toHaveURL('/fr/tableau-de-bord?notice=activated');

  await page.goto(second);
  await expect(
    page.getByRole('heading', { level: 1, name: m.ActivatePage.states.used.title }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('an account not yet activated is told so only with the right password, and offered a new link', async ({
  page,
}) => {
  const m = MESSAGES.en;
  const email = uniqueEmail('pending');
  await page.goto('/en/create-account');
  await fillCreateAccount(page, 'en', { email });
  await waitForMail(email, 1);

  await page.goto('/en/login');
  await signIn(page, 'en', email, 'a wrong passphrase here');
  await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
    m.LoginPage.errors.invalid,
  );

  await signIn(page, 'en', email);
  await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
    m.LoginPage.errors.notActivated,
  );
  await page.getByRole('link', { name: m.LoginPage.errors.resendLink }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: m.ResendActivationPage.title }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(m.ResendActivationPage.email, { exact: true }).fill(email);
  await page.getByRole('button', { name: m.ResendActivationPage.submit }).click();
  await expect(page.getByRole('status')).toHaveText(
    m.CheckEmailPage.resentTo.replace('<strong>{email}</strong>', email),
  );
  const mail = await waitForMail(email, 2);
  expect(mail.subject).toBe('Activate your My ServiceOttawa account');
});

test('the resend page and the create page check their fields, in French', async ({ page }) => {
  const m = MESSAGES.fr;
  await page.goto('/fr/renvoyer-le-lien');
  await page.getByRole('button', { name: m.ResendActivationPage.submit }).click();
  await expect(
    page
      .getByRole('alert', { name: m.ErrorSummary.title })
      .getByRole('link', { name: m.Fields.email.errors.required }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto('/fr/creer-un-compte');
  await fillCreateAccount(page, 'fr', {
    email: 'not-an-email',
    password: 'short',
    passwordConfirm: 'short',
  });
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(summary.getByRole('link', { name: m.Fields.email.errors.invalid })).toBeVisible();
  await expect(
    summary.getByRole('link', { name: m.Fields.password.errors.tooShort }),
  ).toBeVisible();
  await summary.getByRole('link', { name: m.Fields.email.errors.invalid }).click();
  await expect(page.getByLabel(m.CreateAccountPage.email, { exact: true })).toBeFocused();
});
