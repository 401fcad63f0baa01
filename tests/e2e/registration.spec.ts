import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  BASE_URL,
  AREA,
  MESSAGES,
  createActiveAccount,
  expect,
  expectAccessible,
  fillConsent,
  nextClientPin,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
} from './support/fixtures';

// Also the one journey run under `next dev`: playwright.dev.config.ts selects it by this title.
test('PRIV-01, PRIV-02: French: consent and profile, then "Ne pas lier et continuer", then link later from Mon profil', async ({
  page,
}) => {
  const m = MESSAGES.fr;
  await createActiveAccount(page, 'fr');
  await page.getByRole('link', { name: m.DashboardPage.widgets.buildingServices.link }).click();

  // The consent page, as in the guide: notice before the form, 15 fields, (requis) in words.
  await expect(page).toHaveURL(AREA.fr.register);
  await expect(page.getByRole('heading', { level: 1, name: m.RegisterPage.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: m.RegisterPage.transferTitle })).toBeVisible();
  await expect(page.getByRole('heading', { name: m.RegisterPage.collectionTitle })).toBeVisible();
  await expect(page.getByText(/article 391 de la Loi de 2001 sur les municipalités/)).toBeVisible();
  await expect(page.getByText(/no 2014-220/)).toBeVisible();
  await expect(page.getByText(/613-580-2424, poste 25852/)).toBeVisible();
  const labels = await page.locator('form label').allInnerTexts();
  expect(labels).toEqual([
    'Titre',
    'Prénom (requis)',
    'Nom de famille (requis)',
    'Langue de communication (requis)',
    'Unité/app.',
    'Adresse (1)',
    'Adresse (2)',
    'Ville',
    'Pays',
    'Province',
    'Code postal',
    'Numéro de téléphone (requis)',
    'Extension du téléphone',
    'Numéro de téléphone secondaire',
    'Extension de téléphone supplémentaire',
    'J’accepte de partager mes informations avec ce service. (requis)',
  ]);
  await expect(page.getByLabel('Province', { exact: true }).locator('option')).toHaveCount(14);
  await expect(page.getByRole('button', { name: 'J’accepte' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Annuler' })).toHaveAttribute(
    'href',
    '/fr/tableau-de-bord',
  );
  await expectAccessible(page);

  // Bad input: every error at once, other answers kept.
  await fillConsent(page, 'fr', { firstName: '', postalCode: '90210', phone: '580 24' });
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  await expect(
    summary.getByRole('link', { name: m.Profile.firstName.errors.required }),
  ).toBeVisible();
  await expect(
    summary.getByRole('link', { name: m.Profile.postalCode.errors.invalid }),
  ).toBeVisible();
  await expect(summary.getByRole('link', { name: m.Profile.phone.errors.invalid })).toBeVisible();
  await expect(page.getByLabel('Nom de famille (requis)')).toHaveValue('Tremblay');
  await expectAccessible(page);

  await fillConsent(page, 'fr');
  await expect(page).toHaveURL(AREA.fr.clientRecord);
  await expect(page.getByText(m.ClientRecordPage.almostDone)).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 1, name: m.ClientRecordPage.title }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: m.ClientRecordPage.linkTitle, exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: m.ClientRecordPage.skipTitle, exact: true }),
  ).toBeVisible();
  await expect(page.getByLabel(m.ClientRecordPage.pin)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: m.ClientRecordPage.skipSubmit }).click();
  await expect(page).toHaveURL(AREA.fr.home);
  await expect(
    page.getByRole('heading', { level: 1, name: m.BuildingHomePage.title }),
  ).toBeVisible();
  await expect(page.getByText('Bonjour Jean')).toBeVisible();
  await expect(page.getByText(m.BuildingHomePage.noClientRecord)).toBeVisible();
  await expect(page.getByText(m.BuildingHomePage.requestsText)).toBeVisible();
  const firstService = m.BuildingHomePage.services.match(/<li>(.*?)<\/li>/)![1]!;
  await expect(page.getByText(firstService)).toBeVisible();
  await expectAccessible(page);

  // Mon profil: normalized values, and linking later with a PIN.
  await page
    .getByRole('navigation', { name: m.BuildingNav.label })
    .getByRole('link', { name: 'Mon profil' })
    .click();
  await expect(page).toHaveURL(AREA.fr.profile);
  await expect(page.getByText('K1P 1J1')).toBeVisible();
  await expect(page.getByText('613-580-2424')).toBeVisible();
  await expectAccessible(page);
  const { clientNumber, pin } = nextClientPin();
  await page.getByLabel(m.ClientRecordPage.pin).fill(pin);
  await page.getByRole('button', { name: m.ClientRecordPage.linkSubmit }).click();
  await expect(page.getByRole('status')).toContainText(clientNumber);
});

test('English: link a previous client record with a PIN issued by the operators command', async ({
  page,
}) => {
  const m = MESSAGES.en;
  const email = await createActiveAccount(page, 'en');
  await page.goto(AREA.en.register);
  await fillConsent(page, 'en');
  await expect(page).toHaveURL(AREA.en.clientRecord);

  const pinField = page.getByLabel(m.ClientRecordPage.pin);
  const link = page.getByRole('button', { name: m.ClientRecordPage.linkSubmit });
  await pinField.fill('ABC');
  await link.click();
  await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
    m.Pin.errors.length,
  );
  await pinField.fill('ZZZZ-ZZZZ');
  await link.click();
  await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
    m.Pin.errors.invalid,
  );
  await expect(pinField).toHaveValue('ZZZZ-ZZZZ');
  await expectAccessible(page);

  const { clientNumber, pin } = nextClientPin();
  await pinField.fill(pin.toLowerCase().replace('-', ' '));
  await link.click();
  await expect(page).toHaveURL(`${AREA.en.profile}?linked=1`);
  await expect(page.getByRole('status')).toContainText(
    m.BuildingProfilePage.linked.replace('{clientNumber}', clientNumber),
  );
  await expectAccessible(page);

  await page
    .getByRole('navigation', { name: m.BuildingNav.label })
    .getByRole('link', { name: m.BuildingNav.home })
    .click();
  await expect(page).toHaveURL(AREA.en.home);
  await expect(page.getByText(clientNumber)).toBeVisible();

  const mail = await waitForMail(email, 2);
  expect(mail.subject).toBe('Your client record is linked to your account');
  expect(mail.text).toContain(clientNumber);
  expect(mail.text).not.toContain(pin);
});

test('AUTHZ-01, AUTHZ-03: the area stays closed until registration is complete, at every step (gating)', async ({
  page,
  context,
}) => {
  const m = MESSAGES.fr;
  // Signed out → login, then back to the area (which sends a new account to consent).
  const email = await createActiveAccount(page, 'fr');
  await page.getByRole('navigation').getByRole('button', { name: m.Layout.nav.logout }).click();
  await expect(page).toHaveURL(/notice=signedOut/);
  await page.goto(AREA.fr.home);
  await expect(page).toHaveURL(
    /\/fr\/connexion\?callbackUrl=%2Ffr%2Fservices-du-code-du-batiment$/,
  );
  await signIn(page, 'fr', email);
  await expect(page).toHaveURL(AREA.fr.register);

  // Not consented: every later page leads back to consent.
  for (const path of [AREA.fr.home, AREA.fr.profile, AREA.fr.clientRecord]) {
    await page.goto(path);
    await expect(page).toHaveURL(AREA.fr.register);
  }
  // "Annuler" saves nothing.
  await page.getByRole('link', { name: m.RegisterPage.cancel }).click();
  await expect(page).toHaveURL('/fr/tableau-de-bord');
  await page.goto(AREA.fr.home);
  await expect(page).toHaveURL(AREA.fr.register);

  // Consented, no choice yet: the home and profile lead to the client-record step.
  await fillConsent(page, 'fr');
  await expect(page).toHaveURL(AREA.fr.clientRecord);
  for (const path of [AREA.fr.home, AREA.fr.profile]) {
    await page.goto(path);
    await expect(page).toHaveURL(AREA.fr.clientRecord);
  }
  // The internal middleware header changes nothing (DEP-01, AUTHZ-01).
  await context.setExtraHTTPHeaders({
    'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
    'x-real-ip': '198.18.200.1',
  });
  await page.goto(AREA.fr.home);
  await expect(page).toHaveURL(AREA.fr.clientRecord);
});

test('AUTHZ-01, AUTHZ-02: an unregistered person cannot reach the area by calling its actions or forging a session update', async ({
  browser,
  page,
}) => {
  // A registered-step page gives away its action ids to anyone who can see it: use account A's.
  await createActiveAccount(page, 'fr');
  await page.goto(AREA.fr.register);
  await fillConsent(page, 'fr');
  await expect(page).toHaveURL(AREA.fr.clientRecord);
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noJsPage = await noJs.newPage();
  await noJsPage.goto(AREA.fr.clientRecord);
  const skipForm = noJsPage.locator('form').filter({
    has: noJsPage.getByRole('button', { name: MESSAGES.fr.ClientRecordPage.skipSubmit }),
  });
  const hidden = await skipForm
    .locator('input[type=hidden]')
    .evaluateAll((inputs) =>
      inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as const),
    );
  expect(hidden.some(([name]) => name.startsWith('$ACTION_ID_'))).toBe(true);
  await noJs.close();

  // Account B has not consented. It replays A's "Ne pas lier" action and forges a session update.
  const b = await browser.newContext({ extraHTTPHeaders: { 'x-real-ip': '198.18.201.7' } });
  const bPage = await b.newPage();
  await createActiveAccount(bPage, 'fr', uniqueEmail('intruder'));
  const multipart: Record<string, string> = Object.fromEntries(hidden);
  const replay = await bPage.request.post(AREA.fr.clientRecord, {
    multipart,
    headers: {
      origin: BASE_URL,
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
    },
    maxRedirects: 0,
  });
  expect([303, 307, 200]).toContain(replay.status());
  const csrf = (await (await bPage.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const forged = await bPage.request.post('/api/auth/session', {
    data: { csrfToken: csrf.csrfToken, data: { reg: 'registered', registration: 'registered' } },
    headers: { origin: BASE_URL },
  });
  expect(forged.ok()).toBe(true);
  // The session carries no registration step at all: nothing a client sends can become one.
  expect(JSON.stringify(await forged.json())).not.toContain('registered');

  // Nothing was written for B: the area still sends it to consent.
  await bPage.goto(AREA.fr.home);
  await expect(bPage).toHaveURL(AREA.fr.register);
  await bPage.goto(AREA.fr.clientRecord);
  await expect(bPage).toHaveURL(AREA.fr.register);
  await b.close();
});

test('PIN-02: too many PIN attempts are refused with a plain message', async ({ page }) => {
  const m = MESSAGES.en;
  await createActiveAccount(page, 'en');
  await page.goto(AREA.en.register);
  await fillConsent(page, 'en');
  const pinField = page.getByLabel(m.ClientRecordPage.pin);
  const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
  for (let i = 0; i < 5; i++) {
    await pinField.fill(`ZZZZ-ZZZ${i}`);
    await page.getByRole('button', { name: m.ClientRecordPage.linkSubmit }).click();
    await expect(summary).toContainText(m.Pin.errors.invalid);
  }
  await pinField.fill(nextClientPin().pin);
  await page.getByRole('button', { name: m.ClientRecordPage.linkSubmit }).click();
  await expect(summary).toContainText(m.Pin.errors.rateLimited);
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('consent and "Do not link" work as plain forms', async ({ page }) => {
    await createActiveAccount(page, 'en', uniqueEmail('nojs'), { javaScript: false });
    await page.goto(AREA.en.register);
    await fillConsent(page, 'en', { phone: '12' });
    await expect(page.getByRole('alert', { name: MESSAGES.en.ErrorSummary.title })).toContainText(
      MESSAGES.en.Profile.phone.errors.invalid,
    );
    await expect(page.getByLabel(`${MESSAGES.en.Profile.city.label}`, { exact: true })).toHaveValue(
      'Ottawa',
    );
    await fillConsent(page, 'en');
    await expect(page).toHaveURL(AREA.en.clientRecord);
    await page.getByRole('button', { name: MESSAGES.en.ClientRecordPage.skipSubmit }).click();
    await expect(page).toHaveURL(AREA.en.home);
  });
});

test('the operators command refuses the embedded database while the server holds it', () => {
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/clients.ts',
      'issue',
      '--first-name',
      'A',
      '--last-name',
      'B',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        PIN_PEPPER: 'e2e-only-pin-pepper-0123456789abcdef0123456789',
        PGLITE_DIR: path.resolve(process.env.E2E_PGLITE_DIR ?? '.data/e2e/pglite'),
      },
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/is in use by process \d+/);
  expect(result.stdout).toBe('');
});
