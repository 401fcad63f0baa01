import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { S3Storage } from '@/lib/storage/s3-storage';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '../helpers/s3-server';
import {
  APPLICATIONS,
  PDF_BYTES,
  documentItem,
  permitAtDocuments,
  registeredResident,
  uploadTo,
} from './support/applications';
import {
  MESSAGES,
  PASSWORD,
  expect,
  expectAccessible,
  signIn,
  test,
  uniqueEmail,
} from './support/fixtures';
import { startSecondServer } from './support/second-server';

const m = MESSAGES.fr;
const d = m.ApplicationPages.documents;
const name = (key: string) =>
  (m.Applications.documents as Record<string, { name: string }>)[key]!.name;
/** An executable ("MZ" header) named like a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512, 7)]);

/** Waits until the step's script runs: with it, each file is sent on its own, with progress. */
async function enhanced(page: import('@playwright/test').Page) {
  await expect(page.locator('form[data-enhanced]').first()).toBeAttached();
}

test('DOC-01, DOC-03: Documents (fr): a PDF uploaded and listed; a fake PDF, an empty file and a 31 MB file each refused with its message; a file removed; submit refused then accepted; the download an attachment', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await registeredResident(page, 'fr', uniqueEmail('documents-fr'));
  // An alteration: site plan, construction drawings and designer schedule are required.
  const reference = await permitAtDocuments(page, 'fr', 'alteration');
  // With the step's script: each file sent on its own (the no-JavaScript test has the plain form).
  await enhanced(page);

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
  const exe = EXE;
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

test('DOC-01, DOC-03: Documents (en): with JavaScript each file is sent with its progress bar and the step refreshes without a page load; the required drawings uploaded, a fake PDF, an empty file and a 31 MB file refused, submitted, downloaded', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const e = MESSAGES.en;
  const de = e.ApplicationPages.documents;
  const nameEn = (key: string) =>
    (e.Applications.documents as Record<string, { name: string }>)[key]!.name;
  await registeredResident(page, 'en', uniqueEmail('documents-en'));
  const reference = await permitAtDocuments(page, 'en', 'alteration');
  await enhanced(page);
  // Set on this document: a page load would lose it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  // One refused file of each kind beside the good one: a fake PDF, an empty file, a 31 MB file.
  const big = Buffer.alloc(31 * 1024 * 1024, 0x20);
  PDF_BYTES.copy(big);
  await uploadTo(page, 'en', 'sitePlan', [
    { name: 'site-plan.pdf', buffer: PDF_BYTES },
    { name: 'drawings.pdf', buffer: EXE },
    { name: 'empty.pdf', buffer: Buffer.alloc(0) },
    { name: 'huge.pdf', buffer: big },
  ]);
  const refusals = [
    e.Documents.errors.wrong_type.replace('{name}', 'drawings.pdf'),
    e.Documents.errors.empty.replace('{name}', 'empty.pdf'),
    e.Documents.errors.too_big.replace('{name}', 'huge.pdf').replace('{maxMegabytes}', '30'),
  ];
  for (const message of refusals)
    await expect(page.getByRole('alert').getByRole('link', { name: message })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    de.accepted
      .replace('{count, plural, one {# file added} other {# files added}}', '1 file added')
      .replace('{name}', nameEn('sitePlan')),
  );
  const sitePlan = documentItem(page, 'en', 'sitePlan');
  await expect(sitePlan.getByRole('link', { name: 'site-plan.pdf' })).toBeVisible();
  // Each file its labelled progress bar, full; its outcome said in the live region.
  for (const file of ['site-plan.pdf', 'drawings.pdf'])
    await expect(
      sitePlan.getByRole('progressbar', {
        name: e.Documents.progress.label.replace('{name}', file),
      }),
    ).toHaveAttribute('value', '100');
  // Files go one after another; the live region says the outcome of the last one (huge.pdf).
  await expect(sitePlan.locator('[aria-live="polite"]')).toHaveText(refusals[2]!);
  await expectAccessible(page);

  await uploadTo(page, 'en', 'constructionDrawings', [{ name: 'plans.pdf', buffer: PDF_BYTES }]);
  await expect(
    documentItem(page, 'en', 'constructionDrawings').getByRole('link', { name: 'plans.pdf' }),
  ).toBeVisible();
  await uploadTo(page, 'en', 'designerSchedule', [{ name: 'schedule.pdf', buffer: PDF_BYTES }]);
  await expect(
    documentItem(page, 'en', 'designerSchedule').getByRole('link', { name: 'schedule.pdf' }),
  ).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);

  const href = await sitePlan.getByRole('link', { name: 'site-plan.pdf' }).getAttribute('href');
  await page.getByRole('link', { name: e.ApplicationPages.step.next }).click();
  await page.getByLabel(e.ApplicationPages.review.declaration).check();
  await page.getByRole('button', { name: e.ApplicationPages.review.submitAndPay }).click();
  await expect(page).toHaveURL(`${APPLICATIONS.en}/${reference}?notice=submitted`);
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(
    /^attachment; filename="site-plan.pdf"/,
  );
  expect(Buffer.from(await download.body()).equals(PDF_BYTES)).toBe(true);
});

test.describe('with STORAGE_DRIVER=s3', () => {
  /** A second server on the same build, its documents in a bucket of s3rver on loopback. */
  const PORT = Number(process.env.E2E_PORT ?? 3100) + 8;
  const BASE = `http://localhost:${PORT}`;
  const DATA = path.resolve('.data/e2e-s3/pglite');
  const BUCKET = 'e2e-documents';
  const EMAIL = 'documents-s3@example.ca';
  let s3: S3Server;
  let server: ChildProcess | undefined;
  let reference: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    fs.rmSync(path.dirname(DATA), { recursive: true, force: true });
    s3 = await startS3Server([BUCKET], { corsOrigin: BASE });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      TRUSTED_IP_HEADER: 'x-real-ip',
      APP_URL: BASE,
      AUTH_SECRET: 'e2e-s3-secret-0123456789abcdef0123456789abcdef',
      PIN_PEPPER: 'e2e-s3-pin-pepper-0123456789abcdef0123456789',
      CRON_SECRET: 'e2e-s3-cron-secret-0123456789abcdef',
      PAYMENT_PROVIDER: 'test',
      PGLITE_DIR: DATA,
      DATABASE_URL: '',
      SMTP_URL: '',
      CLAMAV_URL: '',
      STORAGE_DRIVER: 's3',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    };
    const seed = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'tests/e2e/support/seed-documents-resident.ts', EMAIL],
      { env, encoding: 'utf8' },
    );
    expect(seed.status, seed.stderr).toBe(0);
    reference = seed.stdout.trim().split('\n').pop()!;
    server = await startSecondServer({ port: PORT, env, healthStatus: 200, timeoutMs: 60_000 });
  });

  test.afterAll(async () => {
    server?.kill('SIGTERM');
    await s3?.stop();
  });

  test('DOC-05: Documents (fr, S3): the browser posts the PDF straight to the bucket with its progress bar; a fake PDF posted there is refused and deleted; the download comes from the bucket', async ({
    page,
  }) => {
    const bucketPosts: string[] = [];
    const appUploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'POST') return;
      if (request.url().startsWith(s3.endpoint)) bucketPosts.push(request.url());
      else if (/\/documents\?item=/.test(request.url())) appUploads.push(request.url());
    });
    await page.goto(`${BASE}/fr/connexion`);
    await signIn(page, 'fr', EMAIL, PASSWORD);
    await expect(page).not.toHaveURL(/connexion/);
    await page.goto(`${BASE}${APPLICATIONS.fr}/${reference}/etape/5`);
    await enhanced(page);

    await uploadTo(page, 'fr', 'sitePlan', [
      { name: 'implantation.pdf', buffer: PDF_BYTES },
      { name: 'faux.pdf', buffer: EXE },
    ]);
    const refused = m.Documents.errors.wrong_type.replace('{name}', 'faux.pdf');
    await expect(page.getByRole('alert').getByRole('link', { name: refused })).toBeVisible();
    const sitePlan = documentItem(page, 'fr', 'sitePlan');
    await expect(sitePlan.getByRole('link', { name: 'implantation.pdf' })).toBeVisible();
    await expect(
      sitePlan.getByRole('progressbar', {
        name: m.Documents.progress.label.replace('{name}', 'implantation.pdf'),
      }),
    ).toHaveAttribute('value', '100');
    // Both files went to the bucket, none through the app; only the accepted one stayed there.
    expect(bucketPosts).toHaveLength(2);
    expect(appUploads).toEqual([]);
    const bucket = new S3Storage({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      ...S3RVER_CREDENTIALS,
    });
    const keys: string[] = [];
    for await (const object of bucket.list('applications/')) keys.push(object.key);
    expect(keys).toHaveLength(1);

    const href = await sitePlan
      .getByRole('link', { name: 'implantation.pdf' })
      .getAttribute('href');
    expect(keys[0]).toMatch(new RegExp(`/${href!.split('/').pop()}$`));
    const download = await page.request.get(`${BASE}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF_BYTES)).toBe(true);
  });
});
