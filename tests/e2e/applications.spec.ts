import EMAIL_FR from '../../emails/messages/fr.json';
import {
  APPLICATIONS,
  NEW,
  PDF_BYTES,
  field,
  fillLocation,
  next,
  option,
  registeredResident,
  uploadTo,
} from './support/applications';
import {
  AREA,
  MESSAGES,
  createActiveAccount,
  expect,
  expectAccessible,
  fillConsent,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
} from './support/fixtures';

// `@neon`: also runs on PostgreSQL through the Neon driver (npm run test:e2e:neon).
test('Apply (fr): a construction permit saved, resumed after signing in again, corrected, reviewed and submitted @neon', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const m = MESSAGES.fr;
  const a = m.ApplicationPages;
  const email = uniqueEmail('apply-fr');
  await registeredResident(page, 'fr', email);

  // From the area's home: "Mes demandes" is empty, "Commencer une demande" starts one.
  await expect(page.getByText(m.BuildingHomePage.applicationsEmpty)).toBeVisible();
  await page.getByRole('link', { name: m.BuildingHomePage.start }).click();
  await expect(page).toHaveURL(NEW.fr);
  await expect(page.getByRole('heading', { level: 1, name: a.new.title })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole('link', {
      name: a.new.start.replace(
        '{type}',
        m.Applications.types.constructionPermit.name.toLowerCase(),
      ),
    })
    .click();

  // Step 1, then "Enregistrer": the reference is allocated and mailed; the page stays.
  await expect(
    page.getByRole('heading', { level: 1, name: m.Applications.steps.gettingStarted.title }),
  ).toBeVisible();
  await page.getByLabel(option('fr', 'projectDescription', 'house'), { exact: true }).check();
  await page.getByLabel(option('fr', 'buildingType', 'detached'), { exact: true }).check();
  await page.getByLabel(option('fr', 'workScope', 'addition'), { exact: true }).check();
  await page.getByRole('button', { name: a.step.save }).click();
  await expect(page.getByRole('status')).toHaveText(a.step.saved);
  const reference = /demandes\/(CON-\d{4}-\d{6})\/etape\/1\?saved=1$/.exec(page.url())?.[1];
  expect(reference).toBeTruthy();
  const mail = await waitForMail(email, 2);
  expect(mail.text).toContain(reference!);
  expect(mail.text).toContain(`${APPLICATIONS.fr}/${reference}`);
  await expectAccessible(page);

  // Signed out and back: the draft's page, then "Continuer la demande", answers kept.
  await page.getByRole('navigation').getByRole('button', { name: m.Layout.nav.logout }).click();
  await expect(page).toHaveURL(/\/fr\/connexion/);
  await page.goto(`${APPLICATIONS.fr}/${reference}`);
  await signIn(page, 'fr', email);
  await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}`);
  await expect(page.getByText(m.Applications.statuses.draft, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: a.application.continue }).click();
  await expect(
    page.getByLabel(option('fr', 'workScope', 'addition'), { exact: true }),
  ).toBeChecked();
  await next(page, 'fr');

  // Step 2: the applicant's details come from the profile.
  await expect(page.getByText(a.step.applicantFromProfile)).toBeVisible();
  await page.getByLabel(option('fr', 'applicantRole', 'owner'), { exact: true }).check();
  await next(page, 'fr');

  // Step 3: a Toronto postal code is refused beside the field and in the summary; the rest stays.
  await fillLocation(page, 'fr', 'M5V 2T6');
  await next(page, 'fr');
  const message = m.Applications.fields.sitePostalCode.errors.ottawaPostalCode;
  await expect(page.getByRole('alert').getByRole('link', { name: message })).toBeVisible();
  await expect(page.getByLabel(field('fr', 'street'), { exact: true })).toHaveValue(
    'avenue Laurier Ouest',
  );
  await expectAccessible(page);
  await page.getByLabel(field('fr', 'sitePostalCode'), { exact: true }).fill('k1p1j1');
  await next(page, 'fr');

  // Step 4: work details; an absurd value is refused, then corrected.
  await page
    .getByLabel(field('fr', 'workDescription'), { exact: true })
    .fill('Agrandissement arrière');
  await page.getByLabel(field('fr', 'constructionValue'), { exact: true }).fill('1000000000000000');
  await page.getByLabel(field('fr', 'workArea'), { exact: true }).fill('24,5');
  await page.getByLabel(field('fr', 'currentUse'), { exact: true }).fill('Maison');
  await page.getByLabel(field('fr', 'proposedUse'), { exact: true }).fill('Maison');
  await page.getByLabel(field('fr', 'dwellingUnits'), { exact: true }).fill('1');
  await next(page, 'fr');
  await expect(
    page.getByText(m.Applications.fields.constructionValue.errors.tooLarge).first(),
  ).toBeVisible();
  await page.getByLabel(field('fr', 'constructionValue'), { exact: true }).fill('250 000');
  await next(page, 'fr');

  // Documents: the checklist for an addition, each required item given a PDF, then the review.
  await expect(
    page.getByRole('heading', { name: m.Applications.documents.energyEfficiency.name }),
  ).toBeVisible();
  await expectAccessible(page);
  for (const key of ['sitePlan', 'constructionDrawings', 'designerSchedule', 'energyEfficiency'])
    await uploadTo(page, 'fr', key, [{ name: `${key}.pdf`, buffer: PDF_BYTES }]);
  await page.getByRole('link', { name: a.step.next }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: m.Applications.steps.review.title }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Total/ })).toContainText(/2\s687,50\s\$/);
  await page.getByRole('button', { name: a.review.submitAndPay }).click();
  await expect(
    page.getByRole('alert').getByRole('link', { name: a.review.declarationRequired }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(a.review.declaration).check();
  await page.getByRole('button', { name: a.review.submitAndPay }).click();

  await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}?notice=submitted`);
  await expect(
    page.getByText(m.Applications.statuses.payment_required, { exact: true }),
  ).toBeVisible();
  await expect(page.getByText(m.Applications.events.submit)).toBeVisible();
  await expectAccessible(page);
  // The submission email: the reference and the fee left to pay, written the French way.
  const submitted = await waitForMail(email, 3);
  expect(submitted.subject).toBe(EMAIL_FR.ApplicationSubmitted.subject);
  expect(submitted.text).toContain(reference!);
  expect(submitted.text.replace(/\s/g, ' ')).toContain('2 687,50 $');

  // "Mes demandes" on the area's home: the reference, its status and the action required (pay).
  await page.goto(AREA.fr.home);
  const row = page.getByRole('row', { name: new RegExp(reference!) });
  await expect(row).toContainText(m.Applications.statuses.payment_required);
  await expect(row).toContainText(m.ActionRequired.mark.pay);
  await expect(row).toContainText('110 avenue Laurier Ouest');
  await expectAccessible(page);
  await row.getByRole('link', { name: reference! }).click();
  await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}`);
});

test('APP-01, AUTHZ-04: Apply (en): a report on compliance; another resident gets "page not found" for it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const m = MESSAGES.en;
  const a = m.ApplicationPages;
  const email = uniqueEmail('apply-en');
  await registeredResident(page, 'en', email);
  await page.goto(NEW.en);
  await page
    .getByRole('link', {
      name: a.new.start.replace('{type}', m.Applications.types.complianceReport.name.toLowerCase()),
    })
    .click();
  await fillLocation(page, 'en');
  await page.getByRole('button', { name: a.step.save }).click();
  await expect(page.getByRole('status')).toHaveText(a.step.saved);
  const reference = /applications\/(RCO-\d{4}-\d{6})\/step\/1\?saved=1$/.exec(page.url())?.[1];
  expect(reference).toBeTruthy();

  // Signed out, then back through "My applications": the draft resumes with its answers.
  await page.getByRole('navigation').getByRole('button', { name: m.Layout.nav.logout }).click();
  await expect(page).toHaveURL(/\/en\/login/);
  await page.goto(AREA.en.home);
  await signIn(page, 'en', email);
  await expect(page).toHaveURL(AREA.en.home);
  await page
    .getByRole('row', { name: new RegExp(reference!) })
    .getByRole('link', { name: reference! })
    .click();
  await page.getByRole('link', { name: a.application.continue }).click();
  await expect(page.getByLabel(field('en', 'street'), { exact: true })).toHaveValue(
    'avenue Laurier Ouest',
  );
  await next(page, 'en');
  await expect(page).toHaveURL(`${APPLICATIONS.en}/${reference}/step/2`);
  await page.getByLabel(option('en', 'applicantRole', 'agent'), { exact: true }).check();
  await page.getByLabel(option('en', 'reportPurpose', 'sale'), { exact: true }).check();
  await page
    .getByLabel(option('en', 'propertyCategory', 'residentialSmall'), { exact: true })
    .check();
  await next(page, 'en');
  // An agent must name the owner.
  await expect(
    page
      .getByRole('alert')
      .getByRole('link', { name: m.Applications.fields.ownerName.errors.required }),
  ).toBeVisible();
  await page.getByLabel(field('en', 'ownerName'), { exact: true }).fill('Marie Lavoie');
  await page
    .getByLabel(field('en', 'ownerAddress'), { exact: true })
    .fill('12 Elgin Street, Ottawa');
  await page.getByLabel(field('en', 'ownerPhone'), { exact: true }).fill('613 555 0199');
  await page.getByLabel(field('en', 'ownerEmail'), { exact: true }).fill('marie@example.ca');
  await next(page, 'en');
  await expect(page.getByRole('row', { name: /Total/ })).toContainText('$265.00');
  await page.getByLabel(a.review.declaration).check();
  await page.getByRole('button', { name: a.review.submitAndPay }).click();
  await expect(
    page.getByText(m.Applications.statuses.payment_required, { exact: true }),
  ).toBeVisible();
  await expectAccessible(page);

  // "Withdraw the application" asks on a page of its own, then records the request.
  await page.getByRole('link', { name: a.application.withdraw }).click();
  await page.getByRole('button', { name: a.application.withdrawYes }).click();
  await expect(page.getByRole('status')).toHaveText(a.notices.withdrawalRequested);
  await expect(page.getByRole('link', { name: a.application.withdraw })).toHaveCount(0);

  // Another resident, existing reference or not: the same localized 404.
  await page.getByRole('navigation').getByRole('button', { name: m.Layout.nav.logout }).click();
  await expect(page).toHaveURL(/\/en\/login/);
  await createActiveAccount(page, 'en', uniqueEmail('apply-other'));
  for (const path of [`${APPLICATIONS.en}/${reference}`, `${APPLICATIONS.en}/RCO-2026-999999`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: m.NotFoundPage.title })).toBeVisible();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Apply (fr, no JavaScript): a report on compliance from start to "Paiement requis"', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const m = MESSAGES.fr;
    const a = m.ApplicationPages;
    const email = uniqueEmail('apply-nojs');
    await createActiveAccount(page, 'fr', email, { javaScript: false });
    await page.goto(AREA.fr.register);
    await fillConsent(page, 'fr');
    await page.getByRole('button', { name: m.ClientRecordPage.skipSubmit }).click();
    await page.goto(`${NEW.fr}/RCO`);
    await fillLocation(page, 'fr');
    await next(page, 'fr');
    await page.getByLabel(option('fr', 'applicantRole', 'owner'), { exact: true }).check();
    await page.getByLabel(option('fr', 'reportPurpose', 'other'), { exact: true }).check();
    await page
      .getByLabel(option('fr', 'propertyCategory', 'residentialLarge'), { exact: true })
      .check();
    await next(page, 'fr');
    await expect(
      page.getByText(m.Applications.fields.reportPurposeOther.errors.required).first(),
    ).toBeVisible();
    await expect(
      page.getByLabel(option('fr', 'propertyCategory', 'residentialLarge'), { exact: true }),
    ).toBeChecked();
    await page.getByLabel(field('fr', 'reportPurposeOther'), { exact: true }).fill('Succession');
    await next(page, 'fr');
    await expect(page.getByRole('row', { name: /Total/ })).toContainText('679,00 $');
    await page.getByLabel(a.review.declaration).check();
    await page.getByRole('button', { name: a.review.submitAndPay }).click();
    await expect(
      page.getByText(m.Applications.statuses.payment_required, { exact: true }),
    ).toBeVisible();
  });
});
