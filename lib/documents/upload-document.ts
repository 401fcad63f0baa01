import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { findType } from '@/lib/applications/catalogue';
import { applicationDocuments, applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { StorageSizeError, type ByteSource, type Storage } from '@/lib/storage/storage';
import type { ApplicationAnswers } from '@/lib/applications/step-schema';
import { checklistFor, DOCUMENTS_EDITABLE_STATUSES } from './checklist';
import { peekHead } from './peek-head';
import { checkUpload, cleanFileName, MAX_FILE_BYTES, type RefusalReason } from './rules';
import type { Scanner } from './scan';
import { documentStorageKey } from './storage-key';

export interface DocumentDeps extends Pick<Deps, 'db' | 'now'> {
  storage: Storage;
  scanner: Scanner;
}

export type DocumentScanStatus = 'pending' | 'clean' | 'infected' | 'not_scanned' | 'error';

export type UploadResult =
  /** Stored and scanned: 'clean' or 'not_scanned' count; 'infected' was deleted; 'error' waits. */
  | { status: 'stored'; id: string; name: string; scanStatus: DocumentScanStatus }
  | { status: 'refused'; reason: RefusalReason; name: string }
  /** Not this resident's application, or not an item of its type's checklist. */
  | { status: 'not_found' }
  /** Submitted: files change only while a draft (or answering a request). */
  | { status: 'not_editable' };

export interface UploadTarget {
  id: string;
  status: string;
  type: string;
  /** Files the application holds (accepted ones, every checklist item). */
  files: number;
}

/**
 * The application, if this person owns it and `item` is in its checklist (the type's, limited by
 * each item's `when` to the answers given: an energy-efficiency form only for an addition or a
 * new building); its kept files counted. One statement.
 */
export async function findUploadTarget(
  db: DocumentDeps['db'],
  input: { userId: string; reference: string; item: string },
): Promise<UploadTarget | null> {
  const [row] = await db
    .select({
      id: applications.id,
      status: applications.status,
      type: applications.type,
      files: sql<number>`(select count(*)::int from application_documents d where d.application_id = "applications"."id" and d.storage_key is not null)`,
      answers: sql<ApplicationAnswers | null>`(select jsonb_object_agg(a.step, a.answers) from application_answers a where a.application_id = "applications"."id")`,
    })
    .from(applications)
    .where(and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)));
  const type = row ? findType(row.type) : null;
  if (!row || !type) return null;
  if (!checklistFor(type, row.answers ?? {}).some((d) => d.key === input.item)) return null;
  return { id: row.id, status: row.status, type: row.type, files: row.files };
}

/**
 * One file uploaded to one checklist item (DOC-01, DOC-02). The owner and an editable status are
 * checked first, then the rules on the head of the stream (count, size, type by content: nothing
 * is stored for a refused file), then the bytes are stored under a generated key, at most
 * MAX_FILE_BYTES, and only then the row written (its transaction checks the count and status
 * again; the object is deleted if the row cannot be written, and a crash in between leaves an
 * object the orphan sweep deletes). Last, the file is scanned: clean or not scanned, it counts;
 * infected, its object is deleted and the row kept as 'infected' so the resident sees which file
 * and why; a scanner failure leaves it 'error', seen by no one but the resident.
 */
export async function uploadDocument(
  deps: DocumentDeps,
  input: {
    userId: string;
    reference: string;
    item: string;
    fileName: string;
    stream: ByteSource;
    /** The length announced (Content-Length of a part, a File's size), when known. */
    declaredSize?: number;
  },
): Promise<UploadResult> {
  const { db, storage } = deps;
  const peeked = await peekHead(input.stream);
  const refuse = (reason: RefusalReason, name = cleanFileName(input.fileName)): UploadResult => {
    peeked.discard();
    return { status: 'refused', reason, name };
  };
  const target = await findUploadTarget(db, input);
  if (!target) {
    peeked.discard();
    return { status: 'not_found' };
  }
  if (!DOCUMENTS_EDITABLE_STATUSES.includes(target.status)) {
    peeked.discard();
    return { status: 'not_editable' };
  }
  // Without an announced length, a head shorter than the signature is the whole file.
  const size = input.declaredSize ?? peeked.head?.byteLength ?? 0;
  const checked = checkUpload({
    name: input.fileName,
    size,
    head: peeked.head,
    existingCount: target.files,
  });
  if (!checked.ok) return refuse(checked.reason, checked.name);

  const id = randomUUID();
  const key = documentStorageKey(target.id, id);
  let stored: { size: number };
  try {
    stored = await storage.put(key, peeked.body, {
      contentType: checked.contentType,
      maxBytes: MAX_FILE_BYTES,
      size: input.declaredSize,
    });
  } catch (error) {
    if (error instanceof StorageSizeError)
      return refuse(error.reason === 'too_big' ? 'too_big' : 'unreadable', checked.name);
    throw error;
  }

  return recordDocument(deps, {
    target,
    id,
    key,
    item: input.item,
    name: checked.name,
    contentType: checked.contentType,
    size: stored.size,
    head: peeked.head,
    userId: input.userId,
  });
}

/**
 * Writes the row of an object already stored under `key` (checked by the rules), then scans it.
 * The transaction checks the status and the count again; when the row cannot be written the
 * object is deleted. Shared by the streamed upload and the browser's direct post to S3.
 */
export async function recordDocument(
  deps: DocumentDeps,
  input: {
    target: UploadTarget;
    id: string;
    key: string;
    item: string;
    name: string;
    contentType: string;
    size: number;
    head: Uint8Array | null;
    userId: string;
  },
): Promise<UploadResult> {
  const { db, storage } = deps;
  const { target, id, key } = input;
  let recorded: 'ok' | 'duplicate' | 'too_many' | 'not_editable' | 'not_found';
  try {
    recorded = await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ status: applications.status })
        .from(applications)
        .where(eq(applications.id, target.id))
        .for('update');
      if (!locked) return 'not_found' as const;
      if (!DOCUMENTS_EDITABLE_STATUSES.includes(locked.status)) return 'not_editable' as const;
      const [counted] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(applicationDocuments)
        .where(
          and(
            eq(applicationDocuments.applicationId, target.id),
            isNotNull(applicationDocuments.storageKey),
          ),
        );
      const again = checkUpload({
        name: input.name,
        size: input.size,
        head: input.head,
        existingCount: counted?.n ?? 0,
      });
      if (!again.ok) return 'too_many' as const;
      const inserted = await tx
        .insert(applicationDocuments)
        .values({
          id,
          applicationId: target.id,
          item: input.item,
          fileName: input.name,
          contentType: input.contentType,
          sizeBytes: input.size,
          storageKey: key,
          scanStatus: 'pending',
          uploadedAt: deps.now(),
          uploadedBy: input.userId,
        })
        // The same direct upload reported twice at once: one row; the object stays.
        .onConflictDoNothing()
        .returning({ id: applicationDocuments.id });
      return inserted.length === 1 ? ('ok' as const) : ('duplicate' as const);
    });
  } catch (error) {
    await storage.delete(key).catch(() => {});
    throw error;
  }
  if (recorded === 'duplicate')
    return { status: 'stored', id, name: input.name, scanStatus: 'pending' };
  if (recorded !== 'ok') {
    await storage.delete(key);
    if (recorded === 'too_many') return { status: 'refused', reason: 'too_many', name: input.name };
    return { status: recorded };
  }

  const scanStatus = await scanDocument(deps, { id, key });
  return { status: 'stored', id, name: input.name, scanStatus };
}
/**
 * Scans a stored file and records the outcome: 'clean' or 'not_scanned' make it visible;
 * 'infected' deletes the object (the row stays, without its key, to tell the resident);
 * a failure is recorded as 'error' and the file stays out of sight.
 */
export async function scanDocument(
  deps: DocumentDeps,
  document: { id: string; key: string },
): Promise<DocumentScanStatus> {
  const { db, storage, scanner } = deps;
  const object = await storage.get(document.key);
  const result = object
    ? await scanner.scan(object.body)
    : { status: 'error' as const, reason: 'source' as const, detail: 'the object is missing' };
  const where = eq(applicationDocuments.id, document.id);
  switch (result.status) {
    case 'clean':
    case 'not_scanned':
      await db.update(applicationDocuments).set({ scanStatus: result.status }).where(where);
      return result.status;
    case 'infected':
      await storage.delete(document.key);
      await db
        .update(applicationDocuments)
        .set({ scanStatus: 'infected', scanDetail: result.signature, storageKey: null })
        .where(where);
      return 'infected';
    case 'error':
      console.error(`[documents] scan failed (${result.reason}): ${result.detail}`);
      await db
        .update(applicationDocuments)
        .set({
          scanStatus: 'error',
          scanDetail: `${result.reason}: ${result.detail}`.slice(0, 500),
        })
        .where(where);
      return 'error';
  }
}
