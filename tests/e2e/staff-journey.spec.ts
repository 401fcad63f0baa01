import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PDFDocument } from 'pdf-lib';
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
const EMAILS = { fr: emailFr, en: emailEn } as const;
/** The examiners the e2e server creates with the command (tests/e2e/support/server.ts). */
const EXAMINERS = { fr: 'examiner.e2e@ottawa.ca', en: 'examiner.en.e2e@ottawa.ca' } as const;
const STAFF_PASSWORD = 'phare rouge au bout du quai';
/** What the examiner and the resident type, in the test's language. */
const TYPED = {
  fr: {
    item: 'Le plan d’implantation signé.',
    message: 'Merci de joindre le plan signé.',
    answer: 'Le plan signé est joint.',
    conditions: 'Garde-corps de 1,07 m au balcon.',
  },
  en: {
    item: 'The signed site plan.',
    message: 'Please attach the signed plan.',
    answer: 'The signed plan is attached.',
    conditions: 'A 1.07 m guard on the balcony.',
  },
} as const;

/** A staff member's first visit: set-up link, password, authenticator; lands on the queue. */
async function enrolStaff(staff: Page, locale: Locale, email: string) {
  const m = MESSAGES[locale];
  await staff.goto(staffCreated(email).created.setupUrl!);
  await staff.getByLabel(m.StaffSetupPage.password, { exact: true }).fill(STAFF_PASSWORD);
  await staff.getByLabel(m.StaffSetupPage.passwordConfirm, { exact: true }).fill(STAFF_PASSWORD);
  await staff.getByRole('button', { name: m.StaffSetupPage.submit }).click();
  const secret = (await staff.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  await staff.getByLabel(m.StaffTwoFactorPage.code, { exact: true }).fill(totp.generate());
  await staff.getByRole('button', { name: m.StaffTwoFactorPage.submit }).click();
  await staff.getByRole('link', { name: m.StaffTwoFactorPage.done.continue }).click();
}

async function act(staff: Page, title: string, submit: string, fill?: Record<string, string>) {
  const form = staff.getByRole('form', { name: title });
  for (const [label, value] of Object.entries(fill ?? {})) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
  await form.getByRole('button', { name: submit, exact: true }).click();
}

for (const locale of ['fr', 'en'] as const satisfies readonly Locale[]) {
  test(`STF-01, APP-02: a construction permit from submission to issue: the examiner accepts, asks for information, the resident answers, the examiner approves and issues, the resident downloads the permit (${locale})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    const m = MESSAGES[locale];
    const actions = m.StaffApplicationPage.actions;
    const p = m.PaymentPages;
    const email = uniqueEmail(`staff-journey-${locale}`);

    // The resident: a permit submitted and paid with the test provider.
    await registeredResident(page, locale, email);
    const reference = await permitAtDocuments(page, locale, 'alteration');
    for (const key of ['sitePlan', 'constructionDrawings', 'designerSchedule']) {
      await uploadTo(page, locale, key, [{ name: `${key}.pdf`, buffer: PDF_BYTES }]);
    }
    await page.getByRole('link', { name: m.ApplicationPages.step.next }).click();
    await page.getByLabel(m.ApplicationPages.review.declaration).check();
    await page.getByRole('button', { name: m.ApplicationPages.review.submitAndPay }).click();
    await expect(page).toHaveURL(`${APPLICATIONS[locale]}/${reference}?notice=submitted`);
    await page.getByRole('button', { name: p.invoice.pay, exact: true }).click();
    await page.getByRole('button', { name: p.test.pay }).click();
    await expect(page.getByRole('status')).toHaveText(p.return.paid);

    // The examiner, in a browser of their own: set-up link, password, authenticator.
    const context = await browser.newContext();
    try {
      const staff = await context.newPage();
      await enrolStaff(staff, locale, EXAMINERS[locale]);

      // The queue lists the paid application; its page offers what an examiner may do now.
      await expect(
        staff.getByRole('heading', { level: 1, name: m.StaffQueuePage.title }),
      ).toBeVisible();
      await staff.getByRole('link', { name: reference }).click();
      await expect(staff.getByRole('heading', { level: 1 })).toContainText(reference);
      await expectAccessible(staff);
      const notice = staff.getByRole('status');

      await act(staff, actions.startCheck.title, actions.startCheck.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.checkStarted);
      await act(staff, actions.accept.title, actions.accept.submit);
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.accepted);

      // A request for information: one missing document and a message; the default due day.
      const request = staff.getByRole('form', { name: actions.requestInformation.title });
      await request
        .getByRole('group', { name: actions.requestInformation.item.replace('{number}', '1') })
        .getByLabel(actions.requestInformation.itemMessage, { exact: true })
        .fill(TYPED[locale].item);
      await request
        .getByLabel(actions.requestInformation.message, { exact: true })
        .fill(TYPED[locale].message);
      await request
        .getByRole('button', { name: actions.requestInformation.submit, exact: true })
        .click();
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.informationRequested);
      await expectAccessible(staff);

      // The resident: the email, the request on the application's page, the answer.
      await waitForMailWithSubject(email, EMAILS[locale].InformationRequired.subject);
      await page.goto(`${APPLICATIONS[locale]}/${reference}`);
      await expect(page.getByText(TYPED[locale].item)).toBeVisible();
      await expectAccessible(page);
      await page
        .getByLabel(m.ApplicationPages.answer.message.label, { exact: true })
        .fill(TYPED[locale].answer);
      await page.getByRole('button', { name: m.ApplicationPages.answer.send }).click();
      await expect(page).toHaveURL(`${APPLICATIONS[locale]}/${reference}?notice=answered`);
      await expect(page.getByText(m.ApplicationPages.notices.answered)).toBeVisible();

      // The examiner: approves with a condition, then issues the permit.
      await staff.reload();
      await act(staff, actions.approve.title, actions.approve.submit, {
        [actions.approve.field]: TYPED[locale].conditions,
      });
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.approved);
      await staff
        .getByRole('button', { name: m.StaffPermitAndCharge.issue.submit, exact: true })
        .click();
      await expect(notice).toHaveText(m.StaffApplicationPage.notices.permitIssued);
    } finally {
      await context.close();
    }

    // The resident: the email, then the permit with the documents; it opens and names the reference.
    await waitForMailWithSubject(email, EMAILS[locale].PermitIssued.subject);
    await page.goto(`${APPLICATIONS[locale]}/${reference}`);
    await expect(
      page.getByRole('heading', { name: m.ApplicationPages.application.permit }),
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
}
