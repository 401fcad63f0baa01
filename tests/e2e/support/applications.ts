import type { Page } from '@playwright/test';
import { AREA, MESSAGES, createActiveAccount, expect, fillConsent } from './fixtures';

export type Locale = 'fr' | 'en';
export const APPLICATIONS = {
  fr: '/fr/services-du-code-du-batiment/demandes',
  en: '/en/building-code-services/applications',
} as const;
export const NEW = { fr: `${APPLICATIONS.fr}/nouvelle`, en: `${APPLICATIONS.en}/new` } as const;

/** A resident through registration ("Ne pas lier et continuer"), on the area's home. */
export async function registeredResident(
  page: Page,
  locale: Locale,
  email: string,
  opts: { javaScript?: boolean } = {},
) {
  await createActiveAccount(page, locale, email, opts);
  await page.goto(AREA[locale].register);
  await fillConsent(page, locale);
  await page.getByRole('button', { name: MESSAGES[locale].ClientRecordPage.skipSubmit }).click();
  await expect(page).toHaveURL(AREA[locale].home);
}

export const field = (locale: Locale, key: string) =>
  (MESSAGES[locale].Applications.fields as Record<string, { label: string }>)[key]!.label;
export const option = (locale: Locale, key: string, value: string) =>
  (
    MESSAGES[locale].Applications.fields as unknown as Record<
      string,
      { options: Record<string, string> }
    >
  )[key]!.options[value]!;

export async function next(page: Page, locale: Locale) {
  await page.getByRole('button', { name: MESSAGES[locale].ApplicationPages.step.next }).click();
}

export async function fillLocation(page: Page, locale: Locale, postalCode = 'K1P 1J1') {
  await page.getByLabel(field(locale, 'civicNumber'), { exact: true }).fill('110');
  await page.getByLabel(field(locale, 'street'), { exact: true }).fill('avenue Laurier Ouest');
  await page.getByLabel(field(locale, 'sitePostalCode'), { exact: true }).fill(postalCode);
}

/** A small, real PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The list item of a checklist item on the Documents step. */
export function documentItem(page: Page, locale: Locale, key: string) {
  const name = (MESSAGES[locale].Applications.documents as Record<string, { name: string }>)[key]!
    .name;
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
}

/** Chooses files for a checklist item and presses "Téléverser" / "Upload" (no JavaScript needed). */
export async function uploadTo(
  page: Page,
  locale: Locale,
  key: string,
  files: Array<{ name: string; buffer: Buffer; mimeType?: string }>,
) {
  const item = documentItem(page, locale, key);
  await item
    .locator('input[type=file]')
    .setInputFiles(files.map((f) => ({ mimeType: 'application/pdf', ...f })));
  await item
    .getByRole('button', { name: MESSAGES[locale].ApplicationPages.documents.upload })
    .click();
}

/**
 * A construction permit for a house filled from the area's home up to the Documents step
 * (`workScope` decides the checklist); returns its reference.
 */
export async function permitAtDocuments(page: Page, locale: Locale, workScope: string) {
  const a = MESSAGES[locale].ApplicationPages;
  await page.goto(`${NEW[locale]}/CON`);
  await page.getByLabel(option(locale, 'projectDescription', 'house'), { exact: true }).check();
  await page.getByLabel(option(locale, 'buildingType', 'detached'), { exact: true }).check();
  await page.getByLabel(option(locale, 'workScope', workScope), { exact: true }).check();
  await next(page, locale);
  await expect(page.getByText(a.step.applicantFromProfile)).toBeVisible();
  const reference = /(CON-\d{4}-\d{6})/.exec(page.url())?.[1];
  await page.getByLabel(option(locale, 'applicantRole', 'owner'), { exact: true }).check();
  await next(page, locale);
  await fillLocation(page, locale);
  await next(page, locale);
  await page.getByLabel(field(locale, 'workDescription'), { exact: true }).fill('Rénovation');
  await page.getByLabel(field(locale, 'constructionValue'), { exact: true }).fill('50 000');
  await page.getByLabel(field(locale, 'workArea'), { exact: true }).fill('20');
  await page.getByLabel(field(locale, 'currentUse'), { exact: true }).fill('Maison');
  await page.getByLabel(field(locale, 'proposedUse'), { exact: true }).fill('Maison');
  await page.getByLabel(field(locale, 'dwellingUnits'), { exact: true }).fill('1');
  await next(page, locale);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: MESSAGES[locale].Applications.steps.documents.title,
    }),
  ).toBeVisible();
  expect(reference).toBeTruthy();
  return reference!;
}
