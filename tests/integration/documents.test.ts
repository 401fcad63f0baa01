import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadApplication } from '@/lib/applications/load-application';
import { saveApplicationStep } from '@/lib/applications/save-application-step';
import { submitApplication } from '@/lib/applications/submit-application';
import { applicationDocuments, applications } from '@/lib/db/schema';
import { listDocuments } from '@/lib/documents/list-documents';
import { openDocument } from '@/lib/documents/open-document';
import { removeDocument } from '@/lib/documents/remove-document';
import { MAX_FILE_BYTES, MAX_FILES_PER_APPLICATION } from '@/lib/documents/rules';
import { noScanner, type Scanner } from '@/lib/documents/scan';
import { DOCUMENTS_PREFIX, documentStorageKey } from '@/lib/documents/storage-key';
import { sweepOrphanObjects } from '@/lib/documents/sweep-orphan-objects';
import { uploadDocument, type DocumentDeps } from '@/lib/documents/upload-document';
import { runScheduledJobs } from '@/lib/jobs/run-scheduled-jobs';
import { FsStorage } from '@/lib/storage/fs-storage';
import type { ListedObject } from '@/lib/storage/storage';
import { testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { fakeClock } from '../helpers/db';
import { testBackends, type Backend } from '../helpers/backends';
import { activeUser } from '../helpers/registration';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** A Windows executable ("MZ" header) named like a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]);

/** A stream of `size` bytes opening with a PDF header, made chunk by chunk (never held whole). */
function bigPdf(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const chunk = Buffer.alloc(Math.min(1024 * 1024, size - sent), 0x20);
      if (sent === 0) PDF.copy(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** A scanner standing in for clamd in these domain tests: finds what it is told to find. */
function fakeScanner(verdict: 'clean' | 'infected' | 'error'): Scanner & { scanned: string[] } {
  const scanned: string[] = [];
  return {
    kind: 'clamd',
    scanned,
    async scan(body) {
      scanned.push(await text(Readable.from(body as AsyncIterable<Uint8Array>)));
      if (verdict === 'infected') return { status: 'infected', signature: 'Eicar-Test-Signature' };
      if (verdict === 'error') return { status: 'error', reason: 'unreachable', detail: 'down' };
      return { status: 'clean' };
    },
  };
}

async function objectsIn(storage: FsStorage): Promise<ListedObject[]> {
  const all: ListedObject[] = [];
  for await (const object of storage.list(DOCUMENTS_PREFIX)) all.push(object);
  return all;
}

const backends = testBackends('documents');

const workDir = await mkdtemp(path.join(os.tmpdir(), 'documents-test-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe.each(backends)('documents on $name', (backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let base: ReturnType<typeof testDeps>;
  let deps: DocumentDeps & typeof base;
  let storage: FsStorage;
  let users = 0;
  const newUser = () => activeUser(base, `docs${++users}-${backend.name.length}@example.ca`);

  beforeAll(async () => {
    opened = await backend.open();
    base = testDeps(opened.db, fakeClock(new Date('2026-12-03T15:00:00Z')));
  }, 120_000);
  afterAll(() => opened?.close());
  beforeEach(() => {
    storage = new FsStorage(path.join(workDir, `${backend.name.length}-${++users}`));
    deps = { ...base, storage, scanner: noScanner };
  });

  const upload = (
    userId: string,
    reference: string,
    fileName: string,
    body: Buffer | Readable,
    extra: { item?: string; declaredSize?: number; via?: DocumentDeps } = {},
  ) =>
    uploadDocument(extra.via ?? deps, {
      userId,
      reference,
      item: extra.item ?? 'sitePlan',
      fileName,
      stream: Buffer.isBuffer(body) ? Readable.from([body]) : body,
      declaredSize: extra.declaredSize,
    });

  it('DOC-01: stores a PDF under a generated key with its cleaned name; the owner lists it', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    const result = await upload(userId, reference, '../../etc/passwd\u202Efdp.pdf', PDF);
    expect(result).toMatchObject({ status: 'stored', scanStatus: 'not_scanned' });
    if (result.status !== 'stored') throw new Error(result.status);
    expect(result.name).toBe('passwdfdp.pdf');
    const [row] = await base.db
      .select()
      .from(applicationDocuments)
      .where(eq(applicationDocuments.id, result.id));
    const [application] = await base.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.reference, reference));
    expect(row).toMatchObject({
      item: 'sitePlan',
      fileName: 'passwdfdp.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      storageKey: documentStorageKey(application!.id, result.id),
      scanStatus: 'not_scanned',
      uploadedBy: userId,
    });
    expect(await text((await storage.get(row!.storageKey!))!.body)).toBe(PDF.toString());
    expect(await listDocuments(base.db, userId, reference)).toEqual([
      expect.objectContaining({ id: result.id, item: 'sitePlan', scanStatus: 'not_scanned' }),
    ]);
    expect(await listDocuments(base.db, await newUser(), reference)).toEqual([]);
    // The application page reads the same list in its one statement.
    expect((await loadApplication(base.db, userId, reference))?.documents).toEqual(
      await listDocuments(base.db, userId, reference),
    );
    // The content decides the type: a PNG named .pdf is stored as a PNG, named so.
    expect(await upload(userId, reference, 'photo.pdf', PNG)).toMatchObject({
      status: 'stored',
      name: 'photo.pdf.png',
    });
  });

  it('DOC-01: refuses a .pdf that is an executable, a 31 MB file, a 0-byte file, the 51st file; nothing stored', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    expect(await upload(userId, reference, 'plan.pdf', EXE)).toEqual({
      status: 'refused',
      reason: 'wrong_type',
      name: 'plan.pdf',
    });
    // Without an announced size (a multipart part): the store stops at 30 MB.
    const big = 31 * 1024 * 1024;
    expect(await upload(userId, reference, 'big.pdf', bigPdf(big))).toEqual({
      status: 'refused',
      reason: 'too_big',
      name: 'big.pdf',
    });
    // With one: refused before a byte is stored.
    expect(
      await upload(userId, reference, 'big.pdf', bigPdf(MAX_FILE_BYTES + 1), {
        declaredSize: MAX_FILE_BYTES + 1,
      }),
    ).toMatchObject({ status: 'refused', reason: 'too_big' });
    expect(await upload(userId, reference, 'vide.pdf', Buffer.alloc(0))).toEqual({
      status: 'refused',
      reason: 'empty',
      name: 'vide.pdf',
    });
    expect(await objectsIn(storage)).toEqual([]);
    expect(await listDocuments(base.db, userId, reference)).toEqual([]);

    for (let i = 0; i < MAX_FILES_PER_APPLICATION; i++)
      expect(await upload(userId, reference, `plan-${i}.pdf`, PDF)).toMatchObject({
        status: 'stored',
      });
    expect(await upload(userId, reference, 'one-more.pdf', PDF)).toEqual({
      status: 'refused',
      reason: 'too_many',
      name: 'one-more.pdf',
    });
    expect(await objectsIn(storage)).toHaveLength(MAX_FILES_PER_APPLICATION);
  }, 60_000);

  it('APP-01: another resident, an unknown item or a submitted application: nothing stored', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId);
    expect(await upload(await newUser(), reference, 'plan.pdf', PDF)).toEqual({
      status: 'not_found',
    });
    expect(await upload(userId, reference, 'plan.pdf', PDF, { item: 'selfie' })).toEqual({
      status: 'not_found',
    });
    await submitApplication(base, { userId, reference, declaration: DECLARATION });
    expect(await upload(userId, reference, 'plan.pdf', PDF)).toEqual({ status: 'not_editable' });
    expect(await objectsIn(storage)).toEqual([]);
  });

  it('DOC-02: a clean file is visible; an infected one is deleted from storage and kept as "infected" for its owner', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    const clean = fakeScanner('clean');
    expect(
      await upload(userId, reference, 'plan.pdf', PDF, { via: { ...deps, scanner: clean } }),
    ).toMatchObject({ status: 'stored', scanStatus: 'clean' });
    expect(clean.scanned).toEqual([PDF.toString()]);
    base.clock.advance(1000);

    const infected = await upload(userId, reference, 'virus.pdf', PDF, {
      item: 'constructionDrawings',
      via: { ...deps, scanner: fakeScanner('infected') },
    });
    expect(infected).toMatchObject({ status: 'stored', scanStatus: 'infected' });
    const [row] = await base.db
      .select()
      .from(applicationDocuments)
      .where(eq(applicationDocuments.fileName, 'virus.pdf'));
    expect(row).toMatchObject({
      storageKey: null,
      scanStatus: 'infected',
      scanDetail: 'Eicar-Test-Signature',
    });
    expect(await objectsIn(storage)).toHaveLength(1);
    expect(await openDocument(deps, { userId, documentId: row!.id })).toBeNull();
    expect((await listDocuments(base.db, userId, reference)).map((d) => d.scanStatus)).toEqual([
      'clean',
      'infected',
    ]);

    // Scanner down: the file stays out of sight ('error'), its object kept for a later scan.
    const failed = await upload(userId, reference, 'later.pdf', PDF, {
      via: { ...deps, scanner: fakeScanner('error') },
    });
    expect(failed).toMatchObject({ status: 'stored', scanStatus: 'error' });
    if (failed.status !== 'stored') throw new Error(failed.status);
    expect(await openDocument(deps, { userId, documentId: failed.id })).toBeNull();
    expect(await objectsIn(storage)).toHaveLength(2);
  });

  it('a crash between storage and database leaves no row; the sweep deletes the orphan object after an hour', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    const kept = await upload(userId, reference, 'kept.pdf', PDF);
    expect(kept.status).toBe('stored');
    // The database fails once the object is stored: the row is not written, the object deleted.
    const failingDb = new Proxy(base.db, {
      get(target, property, receiver) {
        if (property === 'transaction') return () => Promise.reject(new Error('connection lost'));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    await expect(
      upload(userId, reference, 'lost.pdf', PDF, { via: { ...deps, db: failingDb } }),
    ).rejects.toThrow('connection lost');
    expect(await objectsIn(storage)).toHaveLength(1);
    expect(await listDocuments(base.db, userId, reference)).toHaveLength(1);

    // A process that died before its row: the object alone is left (what a crash leaves).
    const [application] = await base.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.reference, reference));
    const orphan = documentStorageKey(application!.id, crypto.randomUUID());
    await storage.put(orphan, Readable.from([PDF]), { contentType: 'application/pdf' });
    // The files' times are the real clock's.
    const clock = fakeClock(new Date());
    // Younger than an hour: maybe an upload whose row is being written.
    expect(await sweepOrphanObjects({ ...deps, now: clock.now })).toBe(0);
    clock.advance(61 * 60 * 1000);
    const report = await runScheduledJobs(
      { ...base, now: clock.now },
      { transport: null, storage },
    );
    expect(report.pruned.orphanObjects).toBe(1);
    expect(report.failed).toEqual([]);
    expect((await objectsIn(storage)).map((o) => o.key)).toEqual([
      documentStorageKey(application!.id, kept.status === 'stored' ? kept.id : ''),
    ]);
  });

  it('removes a file of a draft (row and object); not another resident’s, not once submitted', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId);
    const stored = await upload(userId, reference, 'plan.pdf', PDF);
    if (stored.status !== 'stored') throw new Error(stored.status);
    const documentId = stored.id;
    expect(await removeDocument(deps, { userId: await newUser(), reference, documentId })).toBe(
      'not_found',
    );
    expect(await removeDocument(deps, { userId, reference, documentId: 'nope' })).toBe('not_found');
    expect(await removeDocument(deps, { userId, reference, documentId })).toBe('ok');
    expect(await objectsIn(storage)).toEqual([]);
    expect((await listDocuments(base.db, userId, reference)).map((d) => d.id)).not.toContain(
      documentId,
    );
    const again = await upload(userId, reference, 'plan.pdf', PDF);
    if (again.status !== 'stored') throw new Error(again.status);
    await submitApplication(base, { userId, reference, declaration: DECLARATION });
    expect(await removeDocument(deps, { userId, reference, documentId: again.id })).toBe(
      'not_editable',
    );
  });

  it('refuses to submit until every required item has a clean or not-scanned file, naming the missing ones', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    const submit = () => submitApplication(base, { userId, reference, declaration: DECLARATION });
    // An addition: site plan, drawings, designer schedule and energy efficiency are required.
    expect(await submit()).toEqual({
      status: 'documents_missing',
      items: ['sitePlan', 'constructionDrawings', 'designerSchedule', 'energyEfficiency'],
    });
    await upload(userId, reference, 'a.pdf', PDF, { item: 'sitePlan' });
    await upload(userId, reference, 'b.pdf', PDF, { item: 'constructionDrawings' });
    await upload(userId, reference, 'c.pdf', PDF, {
      item: 'designerSchedule',
      via: { ...deps, scanner: fakeScanner('infected') },
    });
    await upload(userId, reference, 'd.pdf', PDF, {
      item: 'energyEfficiency',
      via: { ...deps, scanner: fakeScanner('error') },
    });
    expect(await submit()).toEqual({
      status: 'documents_missing',
      items: ['designerSchedule', 'energyEfficiency'],
    });
    await upload(userId, reference, 'c2.pdf', PDF, { item: 'designerSchedule' });
    await upload(userId, reference, 'd2.pdf', PDF, {
      item: 'energyEfficiency',
      via: { ...deps, scanner: fakeScanner('clean') },
    });
    expect(await submit()).toMatchObject({ status: 'ok' });
  });

  it('a checklist item that does not apply is not asked for', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    await saveApplicationStep(base, {
      userId,
      locale: 'fr',
      typeKey: 'constructionPermit',
      reference,
      step: 'gettingStarted',
      answers: { projectDescription: 'house', buildingType: 'detached', workScope: 'alteration' },
      advance: false,
    });
    const result = await submitApplication(base, { userId, reference, declaration: DECLARATION });
    expect(result).toEqual({
      status: 'documents_missing',
      items: ['sitePlan', 'constructionDrawings', 'designerSchedule'],
    });
  });

  it('DOC-03: a download is its owner’s only, clean or not scanned; anyone else gets nothing for any id', async () => {
    const userId = await newUser();
    const reference = await fillPermit(base, userId, { documents: false });
    const stored = await upload(userId, reference, 'plan.pdf', PDF);
    if (stored.status !== 'stored') throw new Error(stored.status);
    const opened = await openDocument(deps, { userId, documentId: stored.id });
    expect(opened).toMatchObject({
      fileName: 'plan.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    expect(await text(opened!.body)).toBe(PDF.toString());
    const stranger = await newUser();
    expect(await openDocument(deps, { userId: stranger, documentId: stored.id })).toBeNull();
    expect(
      await openDocument(deps, { userId: stranger, documentId: crypto.randomUUID() }),
    ).toBeNull();
    expect(await openDocument(deps, { userId, documentId: '../../etc/passwd' })).toBeNull();
  });
});
