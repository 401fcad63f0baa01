/**
 * Issue 15, item 10: the PIN step reads as a choice. The guide's page and labels, introduced by
 * a plain question; the error summary opens `main`; help for a lost notice; a warning before the
 * attempts that lock linking, counting them when few remain; after linking, a masked detail of
 * the record on "Mon profil".
 */
import {
  LOCALES,
  MESSAGES,
  clientPinFor,
  createActiveAccount,
  expect,
  expectAccessible,
  expectAccessibleWithoutJs,
  fillConsent,
  test,
  uniqueEmail,
  type Locale,
} from './support/fixtures';
import { at, hydrated } from './support/pages';
import type { Page } from '@playwright/test';

/** The error summary opens the page: it is the first element of `main`. */
async function expectSummaryFirstInMain(page: Page) {
  const first = page.locator('main > :first-child');
  await expect(first).toHaveAttribute('role', 'alert');
  await expect(first).toHaveAttribute('aria-labelledby', 'error-summary-title');
}

async function toClientRecordStep(page: Page, locale: Locale, tag: string, javaScript = true) {
  await createActiveAccount(page, locale, uniqueEmail(`${tag}-${locale}`), { javaScript });
  await page.goto(at('/building-code-services/register', locale));
  if (javaScript) await hydrated(page);
  await fillConsent(page, locale);
  await expect(page).toHaveURL(at('/building-code-services/register/client-record', locale));
  if (javaScript) await hydrated(page);
}

for (const locale of LOCALES) {
  const m = MESSAGES[locale];
  const t = m.ClientRecordPage;
  const tries = (n: number) =>
    new RegExp(locale === 'fr' ? `il vous reste ${n} essais` : `you have ${n} tries left`, 'i');

  test(`PIN-02: the PIN step asks its question, keeps the guide's labels, opens main with its errors and warns before the lock (${locale})`, async ({
    page,
  }) => {
    await toClientRecordStep(page, locale, 'pin-choice');
    await expect(page.getByRole('heading', { level: 2, name: t.question })).toBeVisible();
    // Both ways forward on the one page, with the guide's labels word for word.
    const pin = page.getByLabel(t.pin, { exact: true });
    const link = page.getByRole('button', { name: t.linkSubmit, exact: true });
    await expect(pin).toBeVisible();
    await expect(link).toBeVisible();
    await expect(page.getByRole('button', { name: t.skipSubmit, exact: true })).toBeVisible();
    if (locale === 'fr') {
      expect([t.pin, t.linkSubmit, t.skipSubmit]).toEqual([
        'Code NIP du client',
        'Lier avec un code NIP',
        'Ne pas lier et continuer',
      ]);
    }
    // Help for a lost notice, and the rule of the lock, before any try.
    await expect(page.getByRole('heading', { name: t.lostTitle })).toBeVisible();
    await expect(page.getByText(t.lostText)).toBeVisible();
    await expect(page.getByText(t.lockWarning.replace('{max}', '10'))).toBeVisible();

    // The error summary is the first thing in main, as on every other page.
    await link.click();
    const summary = page.getByRole('alert', { name: m.ErrorSummary.title });
    await expect(summary).toContainText(m.Pin.errors.required);
    await expectSummaryFirstInMain(page);
    await expect(summary).toBeFocused();

    // Four wrong PINs: the plain message. The fifth: how many tries remain.
    // Each answer awaited: the same message twice would not tell one submission from the next.
    const submitted = () => page.waitForResponse((r) => r.request().method() === 'POST');
    for (let i = 1; i <= 4; i++) {
      await pin.fill(`ZZZZ-ZZZ${i}`);
      await Promise.all([submitted(), link.click()]);
      await expect(summary).toContainText(m.Pin.errors.invalid);
      await expect(summary).not.toContainText(tries(6));
    }
    await pin.fill('ZZZZ-ZZZ5');
    await link.click();
    await expect(summary).toContainText(tries(5));
    await expect(page.locator('#pin-tries')).toContainText(tries(5));
    await expectSummaryFirstInMain(page);
    await expectAccessible(page);

    // Coming back later, the page says it before the next try.
    await page.reload();
    await expect(page.locator('#pin-tries')).toContainText(tries(5));
  });

  test(`after linking, "Mon profil" shows a masked detail of the record (${locale})`, async ({
    page,
  }) => {
    await toClientRecordStep(page, locale, 'pin-linked');
    const pin = clientPinFor(locale === 'fr' ? '9100011' : '9100012');
    await page.getByLabel(t.pin, { exact: true }).fill(pin);
    await page.getByRole('button', { name: t.linkSubmit, exact: true }).click();
    await expect(page).toHaveURL(`${at('/building-code-services/profile', locale)}?linked=1`);
    const notice = page.getByRole('status');
    const masked = locale === 'fr' ? '2•••, boulevard Saint-Laurent…' : '2••• Bank…';
    await expect(notice).toContainText(m.BuildingProfilePage.linkedAddress.split('{')[0]!);
    await expect(notice).toContainText(masked);
    await expect(notice).not.toContainText('2435');
    await expect(notice).not.toContainText('Ottawa');
    await expectAccessible(page);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the PIN step opens main with its error summary (fr)', async ({ page }) => {
    const m = MESSAGES.fr;
    await toClientRecordStep(page, 'fr', 'pin-nojs', false);
    await page.getByRole('button', { name: m.ClientRecordPage.linkSubmit, exact: true }).click();
    await expect(page.getByRole('alert', { name: m.ErrorSummary.title })).toContainText(
      m.Pin.errors.required,
    );
    await expectSummaryFirstInMain(page);
    await expectAccessibleWithoutJs(page);
  });
});
