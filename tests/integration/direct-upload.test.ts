import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import {
  completeDocumentUpload,
  presignDocumentUpload,
  TICKET_SECONDS,
} from '@/lib/documents/direct-upload';
import { listDocuments } from '@/lib/documents/list-documents';
import { MAX_FILE_BYTES } from '@/lib/documents/rules';
import { noScanner } from '@/lib/documents/scan';
import { DOCUMENTS_PREFIX } from '@/lib/documents/storage-key';
import type { DocumentDeps } from '@/lib/documents/upload-document';
import { S3Storage } from '@/lib/storage/s3-storage';
import { testDeps } from '../helpers/accounts';
import { fillPermit } from '../helpers/applications';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { registeredUser } from '../helpers/registration';
import { S3RVER_CREDENTIALS, startS3Server } from '../helpers/s3-server';

/**
 * The browser's direct upload to the bucket (STORAGE_DRIVER=s3, DOC-05), against a real
 * S3-compatible server on loopback (s3rver) and PGlite: the app presigns, the "browser" (fetch)
 * posts the file to the bucket as a form, then the app checks the object before recording it.
 * s3rver ignores the POST policy; what the policy enforces is tested in storage.test.ts.
 */
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: async () => session.user }));

const BUCKET = 'direct-uploads';
const s3 = await startS3Server([BUCKET]);
process.env.STORAGE_DRIVER = 's3';
process.env.S3_BUCKET = BUCKET;
process.env.S3_ENDPOINT = s3.endpoint;
process.env.S3_FORCE_PATH_STYLE = 'true';
process.env.S3_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
process.env.S3_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
process.env.CLAMAV_URL = '';
const presignRoute = await import('@/app/api/applications/[reference]/documents/presign/route');
const completeRoute = await import('@/app/api/applications/[reference]/documents/complete/route');

const ORIGIN = 'http://localhost:3000';
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const EXE = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode');

const storage = new S3Storage({
  bucket: BUCKET,
  region: 'us-east-1',
  endpoint: s3.endpoint,
  forcePathStyle: true,
  ...S3RVER_CREDENTIALS,
});
let t: TestDb;
let base: ReturnType<typeof testDeps>;
let deps: DocumentDeps;
let users = 0;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };

beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
  base = testDeps(t.db, fakeClock(new Date()));
  deps = { ...base, storage, scanner: noScanner };
}, 60_000);
afterAll(async () => {
  await t?.close();
  await s3.stop();
});

async function draft(): Promise<{ userId: string; reference: string }> {
  const userId = await registeredUser(base, `direct${++users}@example.ca`);
  return { userId, reference: await fillPermit(base, userId, { documents: false }) };
}

/** What a browser does with the presigned form: every field, then the file, posted to the bucket. */
async function postToBucket(post: { url: string; fields: Record<string, string> }, bytes: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'x.pdf');
  return fetch(post.url, { method: 'POST', body: form });
}

async function keysInBucket(): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(DOCUMENTS_PREFIX)) keys.push(object.key);
  return keys;
}

describe('the direct upload to the bucket', () => {
  it('DOC-05: a PDF posted straight to the bucket is checked by content, then recorded and listed', async () => {
    const { userId, reference } = await draft();
    const presigned = await presignDocumentUpload(deps, {
      userId,
      reference,
      item: 'sitePlan',
      fileName: 'C:\\plans\\implantation.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
    });
    if (presigned.status !== 'ok') throw new Error(presigned.status);
    expect(presigned.post.url).toBe(`${s3.endpoint}/${BUCKET}`);
    expect((await postToBucket(presigned.post, PDF)).status).toBe(204);
    // Nothing is recorded until the app has checked the object.
    expect(await listDocuments(t.db, userId, reference)).toEqual([]);

    const completed = await completeDocumentUpload(deps, {
      userId,
      reference,
      ticket: presigned.ticket,
    });
    expect(completed).toMatchObject({
      status: 'stored',
      name: 'implantation.pdf',
      scanStatus: 'not_scanned',
    });
    const [listed] = await listDocuments(t.db, userId, reference);
    expect(listed).toMatchObject({
      item: 'sitePlan',
      fileName: 'implantation.pdf',
      sizeBytes: PDF.length,
      scanStatus: 'not_scanned',
    });
    // Reported again (a second click, a retry): recorded once, the object kept.
    expect(
      await completeDocumentUpload(deps, { userId, reference, ticket: presigned.ticket }),
    ).toMatchObject({ status: 'stored', name: 'implantation.pdf' });
    expect(await listDocuments(t.db, userId, reference)).toHaveLength(1);
    expect(await keysInBucket()).toContain(presigned.post.fields.key);
  });

  it('DOC-05: an executable named .pdf posted to the bucket is refused by content and its object deleted', async () => {
    const { userId, reference } = await draft();
    const presigned = await presignDocumentUpload(deps, {
      userId,
      reference,
      item: 'sitePlan',
      fileName: 'faux.pdf',
      size: EXE.length,
      contentType: 'application/pdf',
    });
    if (presigned.status !== 'ok') throw new Error(presigned.status);
    await postToBucket(presigned.post, EXE);
    const key = presigned.post.fields.key!;
    expect(await storage.head(key)).not.toBeNull();
    expect(
      await completeDocumentUpload(deps, { userId, reference, ticket: presigned.ticket }),
    ).toEqual({ status: 'refused', reason: 'wrong_type', name: 'faux.pdf' });
    expect(await storage.head(key)).toBeNull();
    expect(await listDocuments(t.db, userId, reference)).toEqual([]);
    // A ticket whose object never arrived: refused as unreadable, nothing recorded.
    const never = await presignDocumentUpload(deps, {
      userId,
      reference,
      item: 'sitePlan',
      fileName: 'perdu.pdf',
      size: 10,
      contentType: 'application/pdf',
    });
    if (never.status !== 'ok') throw new Error(never.status);
    expect(await completeDocumentUpload(deps, { userId, reference, ticket: never.ticket })).toEqual(
      { status: 'refused', reason: 'unreadable', name: 'perdu.pdf' },
    );
  });

  it('DOC-05: refuses before anything is sent a file too big or empty, an item outside the checklist, another resident, and a type the bucket may not take', async () => {
    const { userId, reference } = await draft();
    const before = await keysInBucket();
    const ask = (
      fileName: string,
      size: number,
      contentType = 'application/pdf',
      item = 'sitePlan',
    ) => presignDocumentUpload(deps, { userId, reference, item, fileName, size, contentType });
    expect(await ask('enorme.pdf', MAX_FILE_BYTES + 1)).toEqual({
      status: 'refused',
      reason: 'too_big',
      name: 'enorme.pdf',
    });
    expect(await ask('vide.pdf', 0)).toMatchObject({ status: 'refused', reason: 'empty' });
    expect(await ask('plan.exe', 10, 'application/x-msdownload')).toEqual({
      status: 'unsupported',
    });
    expect(await ask('releve.pdf', 10, 'application/pdf', 'demolitionSurvey')).toEqual({
      status: 'not_found',
    });
    const other = await draft();
    expect(
      await presignDocumentUpload(deps, {
        userId: other.userId,
        reference,
        item: 'sitePlan',
        fileName: 'plan.pdf',
        size: 10,
        contentType: 'application/pdf',
      }),
    ).toEqual({ status: 'not_found' });
    expect(await keysInBucket()).toEqual(before);
  });

  it('DOC-05: a ticket that is not this resident’s, altered, or expired records nothing', async () => {
    const { userId, reference } = await draft();
    const presigned = await presignDocumentUpload(deps, {
      userId,
      reference,
      item: 'sitePlan',
      fileName: 'plan.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
    });
    if (presigned.status !== 'ok') throw new Error(presigned.status);
    await postToBucket(presigned.post, PDF);
    const intruder = await draft();
    const [payload, mac] = presigned.ticket.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as {
      i: string;
    };
    const altered = `${Buffer.from(JSON.stringify({ ...claims, i: 'energyEfficiency' })).toString('base64url')}.${mac}`;
    for (const attempt of [
      { userId: intruder.userId, reference, ticket: presigned.ticket },
      { userId: intruder.userId, reference: intruder.reference, ticket: presigned.ticket },
      { userId, reference, ticket: altered },
      { userId, reference, ticket: 'not-a-ticket' },
    ])
      expect(await completeDocumentUpload(deps, attempt)).toEqual({ status: 'not_found' });
    const later = { ...deps, now: () => new Date(Date.now() + (TICKET_SECONDS + 1) * 1000) };
    expect(
      await completeDocumentUpload(later, { userId, reference, ticket: presigned.ticket }),
    ).toEqual({ status: 'not_found' });
    expect(await listDocuments(t.db, userId, reference)).toEqual([]);
  });
});

describe('the direct upload routes', () => {
  const headers = { origin: ORIGIN, host: 'localhost:3000', 'content-type': 'application/json' };
  const call = (
    route: typeof presignRoute,
    reference: string,
    body: unknown,
    extra: Record<string, string> = {},
  ) =>
    route.POST(
      new Request(`${ORIGIN}/api/applications/${reference}/documents/x`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { ...headers, ...extra },
      }),
      { params: Promise.resolve({ reference }) },
    );

  it('DOC-05: presign then complete through the routes, with the refusals as statuses', async () => {
    const { userId, reference } = await draft();
    session.user = { id: userId, passwordChangeRequired: false } as CurrentUser;
    const presigned = await call(presignRoute, reference, {
      item: 'sitePlan',
      name: 'plan.pdf',
      size: PDF.length,
      type: 'application/pdf',
    });
    expect(presigned.status).toBe(200);
    const { url, fields, ticket } = (await presigned.json()) as {
      url: string;
      fields: Record<string, string>;
      ticket: string;
    };
    expect((await postToBucket({ url, fields }, PDF)).status).toBe(204);
    const completed = await call(completeRoute, reference, { ticket });
    expect(completed.status).toBe(201);
    expect(await completed.json()).toEqual({ accepted: 1, refusals: [] });

    const tooBig = await call(presignRoute, reference, {
      item: 'sitePlan',
      name: 'enorme.pdf',
      size: 31 * 1024 * 1024,
      type: 'application/pdf',
    });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({
      accepted: 0,
      refusals: [{ reason: 'too_big', name: 'enorme.pdf' }],
    });
    const unknownType = await call(presignRoute, reference, {
      item: 'sitePlan',
      name: 'plan',
      size: 10,
      type: '',
    });
    expect(unknownType.status).toBe(422);

    const crossSite = await call(presignRoute, reference, {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    session.user = null;
    expect((await call(completeRoute, reference, { ticket })).status).toBe(401);
    expect((await listDocuments(t.db, userId, reference)).map((d) => d.fileName)).toEqual([
      'plan.pdf',
    ]);
  });
});
