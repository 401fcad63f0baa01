import type { Page } from '@playwright/test';
import {
  AREA,
  LOCALES,
  MESSAGES,
  createActiveAccount,
  expect,
  expectAccessible,
  fillConsent,
  test,
  uniqueEmail,
  type Locale,
} from './support/fixtures';
import { at, hydrated } from './support/pages';

/**
 * One profile (issue 15, item 3): the consent form, "Mes coordonnées" and "Mon profil" show and
 * change one set of contact details; the address reads Pays before Province, Ontario by default.
 */

/** A summary-list row by its label: the value and its "Modifier" link. */
const row = (page: Page, label: string) =>
  page
    .locator('main dl > div')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) });

/** The form's field labels in DOM order (the "(requis)" suffix left out). */
async function labelOrder(page: Page, locale: Locale): Promise<string[]> {
  const suffix = ` ${MESSAGES[locale].Form.required}`;
  const labels = await page.locator('main form label').allInnerTexts();
  return labels.map((l) => l.replace(suffix, ''));
}

/** Pays before Province in DOM order, Canada and Ontario chosen, with and without JavaScript. */
async function expectAddressOrderAndOntario(page: Page, locale: Locale) {
  const p = MESSAGES[locale].Profile;
  const order = await labelOrder(page, locale);
  expect(order.indexOf(p.country.label)).toBeGreaterThan(order.indexOf(p.city.label));
  expect(order.indexOf(p.province.label)).toBe(order.indexOf(p.country.label) + 1);
  expect(order.indexOf(p.postalCode.label)).toBe(order.indexOf(p.province.label) + 1);
  await expect(page.getByLabel(p.country.label, { exact: true })).toHaveValue('CA');
  await expect(page.getByLabel(p.province.label, { exact: true })).toHaveValue('ON');
  // The server's HTML already has Ontario selected: no JavaScript needed.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toMatch(/<option value="ON" selected="">/);
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const p = m.Profile;
  const req = ` ${m.Form.required}`;
  const contactPath = at('/settings/contact-details', locale);
  const editPath = at('/settings/contact-details/edit', locale);
  const change = (label: string) => `${p.change} ${label}`;

  test(`one profile: the consent form's details are "Mes coordonnées", a change there shows in "Mon profil", "Modifier" leads to the form and back (${locale})`, async ({
    page,
  }) => {
    await createActiveAccount(page, locale, uniqueEmail(`one-profile-${locale}`));

    // No details yet: the contact form opens with Pays before Province, Ontario chosen.
    await page.goto(contactPath);
    await expect(page.getByText(m.SettingsContactPage.none)).toBeVisible();
    await page.getByRole('link', { name: m.SettingsPage.contact.add }).click();
    await expect(page).toHaveURL(editPath);
    await expectAddressOrderAndOntario(page, locale);

    // The consent form: the same order and default; its details are saved as the contact details.
    await page.goto(AREA[locale].register);
    await hydrated(page);
    await expectAddressOrderAndOntario(page, locale);
    await fillConsent(page, locale, { firstName: 'Jeanne', phone: '613 580 2424' });
    await expect(page).toHaveURL(AREA[locale].clientRecord);
    await page.getByRole('button', { name: m.ClientRecordPage.skipSubmit }).click();
    await expect(page).toHaveURL(AREA[locale].home);

    // "Mes coordonnées" shows them, as a summary list with "Modifier" per row.
    await page.goto(contactPath);
    await expect(
      page.getByRole('heading', { level: 1, name: m.SettingsContactPage.title }),
    ).toBeVisible();
    await expect(row(page, p.firstName.label)).toContainText('Jeanne');
    await expect(row(page, p.postalCode.label)).toContainText('K1P 1J1');
    await expect(row(page, p.province.label)).toContainText(p.province.options.ON);
    await expect(row(page, p.phone.label)).toContainText('613-580-2424');
    await expect(
      page.getByRole('link', { name: change(p.phone.label), exact: true }),
    ).toBeVisible();
    await expectAccessible(page);

    // Change the phone there: back to "Mes coordonnées", then "Mon profil" shows the new one.
    await page.getByRole('link', { name: change(p.phone.label), exact: true }).click();
    await expect(page).toHaveURL(`${editPath}?from=contact#phone`);
    await hydrated(page);
    const phone = page.getByLabel(p.phone.label + req, { exact: true });
    await expect(phone).toBeFocused();
    await phone.fill('613 555 0142');
    await page.getByRole('button', { name: m.SettingsContactEditPage.submit }).click();
    await expect(page).toHaveURL(`${contactPath}?notice=contactSaved`);
    await expect(page.getByRole('status')).toHaveText(m.SettingsPage.notices.contactSaved);
    await expect(row(page, p.phone.label)).toContainText('613-555-0142');

    await page.goto(AREA[locale].profile);
    await expect(row(page, p.phone.label)).toContainText('613-555-0142');
    await expect(row(page, p.firstName.label)).toContainText('Jeanne');

    // "Modifier" on a profile row: the form, on that field, and back to "Mon profil".
    await page.getByRole('link', { name: change(p.city.label), exact: true }).click();
    await expect(page).toHaveURL(`${editPath}?from=profile#city`);
    await hydrated(page);
    const city = page.getByLabel(p.city.label, { exact: true });
    await expect(city).toBeFocused();
    await expect(
      page.getByRole('link', { name: m.SettingsContactEditPage.cancel }),
    ).toHaveAttribute('href', AREA[locale].profile);
    await city.fill('Gatineau');
    await page.getByRole('button', { name: m.SettingsContactEditPage.submit }).click();
    await expect(page).toHaveURL(`${AREA[locale].profile}?notice=contactSaved`);
    await expect(page.getByRole('status')).toHaveText(m.SettingsPage.notices.contactSaved);
    await expect(row(page, p.city.label)).toContainText('Gatineau');
    await expectAccessible(page);

    // The same details in "Mes coordonnées".
    await page.goto(contactPath);
    await expect(row(page, p.city.label)).toContainText('Gatineau');
    await expect(row(page, p.phone.label)).toContainText('613-555-0142');
  });
}
