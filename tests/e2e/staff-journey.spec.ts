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
  AREA,
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
 * downloads the PDF, which opens and names the reference. Then issue 20's: the resident requests
 * the final inspection, cancels it and requests it again; an inspector (also created with the
 * command) confirms a window and records a failure, which the resident sees as "Action requise";
 * the resident requests it again, the inspector passes it, and the permit closes.
 */
// The two languages' journeys are independent (their own resident and staff): side by side.
test.describe.configure({ mode: 'parallel' });

const EMAILS = { fr: emailFr, en: emailEn } as const;
/** The examiners the e2e server creates with the command (tests/e2e/support/server.ts). */
const EXAMINERS = { fr: 'examiner.e2e@ottawa.ca', en: 'examiner.en.e2e@ottawa.ca' } as const;
const INSPECTORS = { fr: 'inspector.e2e@ottawa.ca', en: 'inspector.en.e2e@ottawa.ca' } as const;
const STAFF_PASSWORD = 'phare rouge au bout du quai';
/** What the examiner and the resident type, in the test's language. */
const TYPED = {
  fr: {
    item: 'Le plan d’implantation signé.',
    message: 'Merci de joindre le plan signé.',
    answer: 'Le plan signé est joint.',
    conditions: 'Garde-corps de 1,07 m au balcon.',
    toFix: 'Poser la main courante de l’escalier.',
  },
  en: {
    item: 'The signed site plan.',
    message: 'Please attach the signed plan.',
    answer: 'The signed plan is attached.',
    conditions: 'A 1.07 m guard on the balcony.',
    toFix: 'Install the stair handrail.',
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
  test(`STF-01, APP-02: a construction permit from submission to closing: the examiner accepts, asks for information, the resident answers, the examiner approves and issues, the resident downloads the permit and requests inspections (cancels one), the inspector records a failure then a pass of the final, and "Action requise" follows (${locale})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(480_000);
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

    // Issue 20: the resident asks for the final inspection on the first day offered, cancels it,
    // and asks again; the "Action requise" mark follows each step.
    const ins = m.Inspections;
    const home = AREA[locale].home;
    const mark = (kind: keyof typeof m.ActionRequired.mark) =>
      page.getByRole('row', { name: new RegExp(reference) }).getByText(m.ActionRequired.mark[kind]);
    const day = await requestInspection(page, locale, 'final');
    await expect(page.getByText(m.ApplicationPages.notices.inspectionRequested)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: ins.section.cancel }).click();
    await expect(page).toHaveURL(`${APPLICATIONS[locale]}/${reference}?notice=inspectionCancelled`);
    await expect(page.getByText(m.ApplicationPages.notices.inspectionCancelled)).toBeVisible();
    await requestInspection(page, locale, 'final');

    // The inspector, in a browser of their own: the day's inspections, the window, a failure.
    const inspectorContext = await browser.newContext();
    try {
      const inspector = await inspectorContext.newPage();
      await enrolStaff(inspector, locale, INSPECTORS[locale]);
      const openRequested = async () => {
        await inspector
          .getByRole('navigation')
          .getByRole('link', { name: m.StaffLayout.inspections, exact: true })
          .click();
        const filter = m.StaffInspections.filter;
        await inspector.getByLabel(filter.day, { exact: true }).fill(day);
        await inspector.getByLabel(filter.status, { exact: true }).selectOption('requested');
        await inspector.getByRole('button', { name: filter.submit, exact: true }).click();
        await inspector
          .getByRole('row', { name: new RegExp(reference) })
          .getByRole('link')
          .last()
          .click();
        await expect(inspector.getByRole('heading', { level: 1 })).toContainText(reference);
      };
      const schedule = async () => {
        const form = inspector.getByRole('form', { name: m.StaffInspections.schedule.title });
        await form
          .getByLabel(m.StaffInspections.schedule.windowStart, { exact: true })
          .fill('09:00');
        await form.getByLabel(m.StaffInspections.schedule.windowEnd, { exact: true }).fill('10:30');
        await form.getByRole('button', { name: m.StaffInspections.schedule.submit }).click();
        await expect(inspector.getByRole('status')).toHaveText(
          m.StaffInspections.notices.scheduled,
        );
      };
      const record = async (result: 'failed' | 'passed', toFix?: string) => {
        const form = inspector.getByRole('form', { name: m.StaffInspections.record.title });
        await form.getByLabel(ins.results[result], { exact: true }).check();
        if (toFix)
          await form.getByLabel(m.StaffInspections.record.toFix, { exact: true }).fill(toFix);
        await form.getByRole('button', { name: m.StaffInspections.record.submit }).click();
      };

      await openRequested();
      await schedule();
      await waitForMailWithSubject(email, EMAILS[locale].InspectionScheduled.subject);
      await record('failed', TYPED[locale].toFix);
      await expect(inspector.getByRole('status')).toHaveText(m.StaffInspections.notices.recorded);

      // The resident: the result, what to fix, "Action requise"; then a new request.
      await waitForMailWithSubject(email, EMAILS[locale].InspectionResult.subject);
      await page.goto(home);
      await expect(mark('book_inspection')).toBeVisible();
      await page.goto(`${APPLICATIONS[locale]}/${reference}`);
      await expect(
        page.getByRole('heading', { name: m.ActionRequired.banner.title }),
      ).toBeVisible();
      await expect(page.getByText(TYPED[locale].toFix)).toBeVisible();
      await requestInspection(page, locale, 'final');
      await page.goto(home);
      await expect(page.getByRole('row', { name: new RegExp(reference) })).toBeVisible();
      await expect(mark('book_inspection')).toHaveCount(0);

      // The inspector passes the final inspection: the permit closes.
      await openRequested();
      await schedule();
      await record('passed');
      await expect(inspector.getByRole('status')).toHaveText(m.StaffInspections.notices.closed);
    } finally {
      await inspectorContext.close();
    }
    await waitForMailWithSubject(email, EMAILS[locale].InspectionResult.closedSubject);
    await page.goto(home);
    await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText(
      m.Applications.statuses.closed,
    );
    await expect(mark('book_inspection')).toHaveCount(0);
  });
}

/**
 * From the application's page: "Demander une inspection", the type, the first day the form
 * offers (its `min`), the morning, the on-site contact as prefilled from the profile. Returns the
 * day, back on the application's page.
 */
async function requestInspection(page: Page, locale: Locale, type: 'final'): Promise<string> {
  const ins = MESSAGES[locale].Inspections;
  await page.getByRole('link', { name: ins.section.request, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ins.request.title })).toBeVisible();
  await page.getByLabel(ins.types[type], { exact: true }).check();
  const dayField = page.getByLabel(ins.request.preferredOn.label, { exact: true });
  const day = (await dayField.getAttribute('min'))!;
  await dayField.fill(day);
  await page.getByLabel(ins.periods.morning, { exact: true }).check();
  await expect(page.getByLabel(ins.request.contactName.label, { exact: true })).not.toHaveValue('');
  await page.getByRole('button', { name: ins.request.submit, exact: true }).click();
  await expect(page).toHaveURL(/\?notice=inspectionRequested$/);
  return day;
}
