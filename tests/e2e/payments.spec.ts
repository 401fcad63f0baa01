import type { Page } from '@playwright/test';
import emailEn from '../../emails/messages/en.json';
import emailFr from '../../emails/messages/fr.json';
import {
  APPLICATIONS,
  PDF_BYTES,
  permitAtDocuments,
  registeredResident,
  uploadTo,
  type Locale,
} from './support/applications';
import {
  MESSAGES,
  expect,
  expectAccessible,
  test,
  uniqueEmail,
  waitForMailWithSubject,
} from './support/fixtures';

const EMAILS = { fr: emailFr, en: emailEn } as const;

/** A construction permit (an alteration, $50,000: $537.50) submitted, on its page. */
async function submittedPermit(page: Page, locale: Locale) {
  const m = MESSAGES[locale];
  const reference = await permitAtDocuments(page, locale, 'alteration');
  for (const key of ['sitePlan', 'constructionDrawings', 'designerSchedule']) {
    await uploadTo(page, locale, key, [{ name: `${key}.pdf`, buffer: PDF_BYTES }]);
  }
  await page.getByRole('link', { name: m.ApplicationPages.step.next }).click();
  await page.getByLabel(m.ApplicationPages.review.declaration).check();
  await page.getByRole('button', { name: m.ApplicationPages.review.submitAndPay }).click();
  await expect(page).toHaveURL(`${APPLICATIONS[locale]}/${reference}?notice=submitted`);
  return reference;
}

/** "Payer" on the application's page, or on the return page: the test provider's page. */
async function pay(page: Page, locale: Locale) {
  const p = MESSAGES[locale].PaymentPages;
  await page.getByRole('button', { name: p.invoice.pay, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: p.test.title })).toBeVisible();
  await expect(page.getByText(p.test.warning)).toBeVisible();
}

test('PAY-02, PAY-03: Pay (fr): the itemized fee, a refused test payment, then paid; the receipt page and email', async ({
  page,
}) => {
  const m = MESSAGES.fr;
  const p = m.PaymentPages;
  const email = uniqueEmail('pay-fr');
  await registeredResident(page, 'fr', email);
  const reference = await submittedPermit(page, 'fr');

  const due = page.getByRole('region', { name: p.invoice.title });
  await expect(due).toContainText(m.Applications.feeLines.constructionPermit.byValue);
  await expect(due).toContainText(/537,50\s\$/);
  await expect(page.getByText(m.Applications.statuses.payment_required)).toBeVisible();

  await pay(page, 'fr');
  await expectAccessible(page);
  await page.getByRole('button', { name: p.test.refuse }).click();
  await expect(page.getByRole('status')).toHaveText(p.return.failed);
  await expectAccessible(page);

  await pay(page, 'fr');
  await page.getByRole('button', { name: p.test.pay }).click();
  await expect(page.getByRole('status')).toHaveText(p.return.paid);
  await page.getByRole('link', { name: p.return.viewReceipt }).click();
  await expect(page.getByRole('heading', { level: 1, name: p.receipt.title })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(reference);
  await expect(page.getByRole('main')).toContainText(/537,50\s\$/);
  await expectAccessible(page);

  // The application is now with the City; "Payer" is gone, the receipt listed.
  await page.goto(`${APPLICATIONS.fr}/${reference}`);
  await expect(page.getByText(m.Applications.statuses.submitted, { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: p.invoice.pay, exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: p.invoices.receipt })).toBeVisible();

  const receipt = await waitForMailWithSubject(email, EMAILS.fr.PaymentReceipt.subject);
  expect(receipt.text).toContain(reference);
  expect(receipt.text.replace(/\s/g, ' ')).toContain('537,50 $');
  expect(receipt.text).toMatch(/test_pay_[0-9a-f-]{36}/);
});

test('PAY-03: Pay (en): abandoned on the test page (Cancel), then back and paid', async ({
  page,
}) => {
  const m = MESSAGES.en;
  const p = m.PaymentPages;
  const email = uniqueEmail('pay-en');
  await registeredResident(page, 'en', email);
  const reference = await submittedPermit(page, 'en');
  await expect(page.getByRole('region', { name: p.invoice.title })).toContainText('$537.50');

  await pay(page, 'en');
  await page.getByRole('button', { name: p.test.cancel }).click();
  await expect(page.getByRole('status')).toHaveText(p.return.cancelled);

  // Later, from the application's page: still "Payment required", "Pay" again.
  await page.goto(`${APPLICATIONS.en}/${reference}`);
  await expect(page.getByText(m.Applications.statuses.payment_required)).toBeVisible();
  await pay(page, 'en');
  await page.getByRole('button', { name: p.test.pay }).click();
  await expect(page.getByRole('status')).toHaveText(p.return.paid);
  const receipt = await waitForMailWithSubject(email, EMAILS.en.PaymentReceipt.subject);
  expect(receipt.text).toContain('Total paid: $537.50');
});
