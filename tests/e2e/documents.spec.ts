import {
  APPLICATIONS,
  PDF_BYTES,
  documentItem,
  permitAtDocuments,
  registeredResident,
  uploadTo,
} from './support/applications';
import { MESSAGES, expect, expectAccessible, test, uniqueEmail } from './support/fixtures';

const m = MESSAGES.fr;
const d = m.ApplicationPages.documents;
const name = (key: string) =>
  (m.Applications.documents as Record<string, { name: string }>)[key]!.name;

test('DOC-01, DOC-03: Documents (fr): a PDF uploaded and listed; a fake PDF, an empty file and a 31 MB file each refused with its message; a file removed; submit refused then accepted; the download an attachment', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await registeredResident(page, 'fr', uniqueEmail('documents-fr'));
  // An alteration: site plan, construction drawings and designer schedule are required.
  const reference = await permitAtDocuments(page, 'fr', 'alteration');

  await uploadTo(page, 'fr', 'sitePlan', [{ name: 'implantation.pdf', buffer: PDF_BYTES }]);
  await expect(page.getByRole('status')).toHaveText(
    d.accepted
      .replace(
        '{count, plural, one {# fichier ajouté} other {# fichiers ajoutés}}',
        '1 fichier ajouté',
      )
      .replace('{name}', name('sitePlan')),
  );
  const sitePlan = documentItem(page, 'fr', 'sitePlan');
  await expect(sitePlan.getByRole('link', { name: 'implantation.pdf' })).toBeVisible();
  await expect(sitePlan).toContainText(d.states.not_scanned);

  // An executable named .pdf, a 0-byte file and a 31 MB one, sent together: each refused with
  // its own message beside the field and in the summary; nothing listed.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512, 7)]);
  const big = Buffer.alloc(31 * 1024 * 1024, 0x20);
  PDF_BYTES.copy(big);
  await uploadTo(page, 'fr', 'constructionDrawings', [
    { name: 'dessins.pdf', buffer: exe },
    { name: 'vide.pdf', buffer: Buffer.alloc(0) },
    { name: 'enorme.pdf', buffer: big },
  ]);
  const values = (file: string) => (message: string) =>
    message.replace('{name}', file).replace('{maxMegabytes}', '30');
  const refusals = [
    values('dessins.pdf')(m.Documents.errors.wrong_type),
    values('vide.pdf')(m.Documents.errors.empty),
    values('enorme.pdf')(m.Documents.errors.too_big),
  ];
  for (const refused of refusals) {
    await expect(page.getByRole('alert').getByRole('link', { name: refused })).toBeVisible();
    await expect(documentItem(page, 'fr', 'constructionDrawings')).toContainText(refused);
  }
  await expect(documentItem(page, 'fr', 'constructionDrawings')).toContainText(d.noFiles);
  await expect(page).toHaveTitle(new RegExp(`^${m.ErrorSummary.titlePrefix}`));
  await expectAccessible(page);

  // The review: submitting names the two items still missing, on the Documents step.
  await page.getByRole('link', { name: m.ApplicationPages.step.next }).click();
  await page.getByLabel(m.ApplicationPages.review.declaration).check();
  await page.getByRole('button', { name: m.ApplicationPages.review.submitAndPay }).click();
  const summary = page.getByRole('alert');
  for (const key of ['constructionDrawings', 'designerSchedule'])
    await expect(
      summary.getByRole('link', { name: d.missing.replace('{name}', name(key)) }),
    ).toBeVisible();
  await expect(summary.getByRole('link')).toHaveCount(2);

  // Two files at once for one item, one for the other; then the submit goes through.
  await uploadTo(page, 'fr', 'constructionDrawings', [
    { name: 'plans-1.pdf', buffer: PDF_BYTES },
    { name: 'plans-2.pdf', buffer: PDF_BYTES },
  ]);
  const drawings = documentItem(page, 'fr', 'constructionDrawings');
  await expect(drawings.getByRole('link')).toHaveCount(2);
  // "Retirer" beside one of them.
  await drawings
    .getByRole('button', { name: d.removeNamed.replace('{name}', 'plans-2.pdf') })
    .click();
  await expect(page.getByRole('status')).toHaveText(d.removed);
  await expect(drawings.getByRole('link')).toHaveCount(1);
  await uploadTo(page, 'fr', 'designerSchedule', [{ name: 'annexe-1.pdf', buffer: PDF_BYTES }]);

  // The download: the owner's, an attachment, never sniffed or cached.
  const href = await sitePlan.getByRole('link', { name: 'implantation.pdf' }).getAttribute('href');
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(download.headers()['content-disposition']).toBe(
    `attachment; filename="implantation.pdf"; filename*=UTF-8''implantation.pdf`,
  );
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(download.headers()['cache-control']).toBe('private, no-store');
  expect(Buffer.from(await download.body()).equals(PDF_BYTES)).toBe(true);

  await page.getByRole('link', { name: m.ApplicationPages.step.next }).click();
  await page.getByLabel(m.ApplicationPages.review.declaration).check();
  await page.getByRole('button', { name: m.ApplicationPages.review.submitAndPay }).click();
  await expect(page).toHaveURL(`${APPLICATIONS.fr}/${reference}?notice=submitted`);
  // The application's page lists the files, each a download.
  await expect(page.getByRole('link', { name: 'implantation.pdf' })).toHaveAttribute('href', href!);
  await expect(page.getByRole('link', { name: 'annexe-1.pdf' })).toBeVisible();

  // Anyone else: 404 for the same document.
  await page.context().clearCookies();
  expect((await page.request.get(href!)).status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('DOC-01: Documents (fr, no JavaScript): the plain form uploads several files at once, refuses one with its message, and "Retirer" removes a file', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await registeredResident(page, 'fr', uniqueEmail('documents-nojs'), { javaScript: false });
    await permitAtDocuments(page, 'fr', 'alteration');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await uploadTo(page, 'fr', 'sitePlan', [
      { name: 'implantation.pdf', buffer: PDF_BYTES },
      { name: 'photo.png', buffer: png, mimeType: 'image/png' },
      { name: 'notes.pdf', buffer: Buffer.from('du texte, pas un PDF') },
    ]);
    const sitePlan = documentItem(page, 'fr', 'sitePlan');
    await expect(sitePlan.getByRole('link')).toHaveCount(2);
    const refused = m.Documents.errors.wrong_type.replace('{name}', 'notes.pdf');
    await expect(page.getByRole('alert').getByRole('link', { name: refused })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${m.ErrorSummary.titlePrefix}`));
    await sitePlan
      .getByRole('button', { name: d.removeNamed.replace('{name}', 'photo.png') })
      .click();
    await expect(page.getByRole('status')).toHaveText(d.removed);
    await expect(sitePlan.getByRole('link')).toHaveCount(1);
    await expect(sitePlan.getByRole('link', { name: 'implantation.pdf' })).toBeVisible();
  });
});
