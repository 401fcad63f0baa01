import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PDFDocument } from 'pdf-lib';
import emailFr from '../../emails/messages/fr.json';
import {
  APPLICATIONS,
  PDF_BYTES,
  permitAtDocuments,
  registeredResident,
  uploadTo,
} from './support/applications';
import {
  MESSAGES,
  expect,
  expectAccessible,
  staffCreated,
  test,
  uniqueEmail,
  waitForMailWithSubject,
} from './support/fixtures';

/**
 * Issue 19's journey: a resident submits and pays for a construction permit; an examiner created
 * with `npm run staff` (tests/e2e/support/server.ts) enrols TOTP from the shown secret, signs in,
 * starts the completeness check, accepts the application, requests information; the resident
 * answers with "Envoyer la réponse"; the examiner approves and issues the permit; the resident
 * downloads the PDF, which opens and names the reference.
 */
const fr = MESSAGES.fr;
const actions = fr.StaffApplicationPage.actions;
const STAFF_PASSWORD = 'phare rouge au bout du quai';

async function act(staff: Page, title: string, submit: string, fill?: Record<string, string>) {
  const form = staff.getByRole('form', { name: title });
  for (const [label, value] of Object.entries(fill ?? {})) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
  await form.getByRole('button', { name: submit, exact: true }).click();
}

test('STF-01, APP-02: a construction permit from submission to issue: the examiner accepts, asks for information, the resident answers, the examiner approves and issues, the resident downloads the permit (fr)', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const p = fr.PaymentPages;
  const email = uniqueEmail('staff-journey');

  // The resident: a permit submitted and paid with the test provider.
  await registeredResident(page, 'fr', email);
  const reference = await permitAtDocuments(page, 'fr', 'alteration');
  for (const key of ['sitePlan', 'constructionDrawings', 'designerSchedule']) {
    await uploadTo(page, 'fr', key, [{ name: `${key}.pdf`, buffer: PDF_BYTES }]);
  }
  await page.getByRole('link', { name: fr.ApplicationPages.step.next }).click();
  await page.getByLabel(fr.ApplicationPages.review.declaration).check();
  await page.getByRole('button', { name: fr.ApplicationPages.review.submitAndPay }).click();
  await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}?notice=submitted`);
  await page.getByRole('button', { name: p.invoice.pay, exact: true }).click();
  await page.getByRole('button', { name: p.test.pay }).click();
  await expect(page.getByRole('status')).toHaveText(p.return.paid);

  // The examiner, in a browser of their own: set-up link, password, authenticator.
  const context = await browser.newContext();
  try {
    const staff = await context.newPage();
    await staff.goto(staffCreated('examiner.e2e@ottawa.ca').created.setupUrl!);
    await staff.getByLabel(fr.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
    await staff.getByLabel(fr.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
    await staff.getByRole('button', { name: fr.StaffSetupPage.submit }).click();
    const secret = (await staff.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    await staff.getByLabel(fr.StaffTwoFactorPage.code, { exact: true }).fill(totp.generate());
    await staff.getByRole('button', { name: fr.StaffTwoFactorPage.submit }).click();
    await staff.getByRole('link', { name: fr.StaffTwoFactorPage.done.continue }).click();

    // The queue lists the paid application; its page offers what an examiner may do now.
    await expect(
      staff.getByRole('heading', { level: 1, name: fr.StaffQueuePage.title }),
    ).toBeVisible();
    await staff.getByRole('link', { name: reference }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toContainText(reference);
    await expectAccessible(staff);
    const notice = staff.getByRole('status');

    await act(staff, actions.startCheck.title, actions.startCheck.submit);
    await expect(notice).toHaveText(fr.StaffApplicationPage.notices.checkStarted);
    await act(staff, actions.accept.title, actions.accept.submit);
    await expect(notice).toHaveText(fr.StaffApplicationPage.notices.accepted);

    // A request for information: one missing document and a message; the default due day.
    const request = staff.getByRole('form', { name: actions.requestInformation.title });
    await request
      .getByRole('group', { name: actions.requestInformation.item.replace('{number}', '1') })
      .getByLabel(actions.requestInformation.itemMessage, { exact: true })
      .fill('Le plan d’implantation signé.');
    await request
      .getByLabel(actions.requestInformation.message, { exact: true })
      .fill('Merci de joindre le plan signé.');
    await request
      .getByRole('button', { name: actions.requestInformation.submit, exact: true })
      .click();
    await expect(notice).toHaveText(fr.StaffApplicationPage.notices.informationRequested);
    await expectAccessible(staff);

    // The resident: the email, the request on the application's page, the answer.
    await waitForMailWithSubject(email, emailFr.InformationRequired.subject);
    await page.goto(`${APPLICATIONS.fr}/${reference}`);
    await expect(page.getByText('Le plan d’implantation signé.')).toBeVisible();
    await expectAccessible(page);
    await page
      .getByLabel(fr.ApplicationPages.answer.message.label, { exact: true })
      .fill('Le plan signé est joint.');
    await page.getByRole('button', { name: fr.ApplicationPages.answer.send }).click();
    await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}?notice=answered`);
    await expect(page.getByText(fr.ApplicationPages.notices.answered)).toBeVisible();

    // The examiner: approves with a condition, then issues the permit.
    await staff.reload();
    await act(staff, actions.approve.title, actions.approve.submit, {
      [actions.approve.field]: 'Garde-corps de 1,07 m au balcon.',
    });
    await expect(notice).toHaveText(fr.StaffApplicationPage.notices.approved);
    await staff
      .getByRole('button', { name: fr.StaffPermitAndCharge.issue.submit, exact: true })
      .click();
    await expect(notice).toHaveText(fr.StaffApplicationPage.notices.permitIssued);
  } finally {
    await context.close();
  }

  // The resident: the email, then the permit with the documents; it opens and names the reference.
  await waitForMailWithSubject(email, emailFr.PermitIssued.subject);
  await page.goto(`${APPLICATIONS.fr}/${reference}`);
  await expect(
    page.getByRole('heading', { name: fr.ApplicationPages.application.permit }),
  ).toBeVisible();
  const href = await page
    .getByRole('link', { name: new RegExp(`${reference}\\.pdf`) })
    .getAttribute('href');
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  const pdf = await PDFDocument.load(await download.body());
  expect(pdf.getTitle()).toContain(reference);
  expect(pdf.getPageCount()).toBeGreaterThan(0);
});
