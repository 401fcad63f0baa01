import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applicationDocuments } from '@/lib/db/schema';
import type { PresignedPost } from '@/lib/storage/storage';
import { hashIdentifier, safeEqual } from '@/lib/security/tokens';
import { DOCUMENTS_EDITABLE_STATUSES } from './checklist';
import { SIGNATURES } from './file-signature';
import { peekHead } from './peek-head';
import {
  checkFileCount,
  checkFileSize,
  checkUpload,
  cleanFileName,
  MAX_FILE_BYTES,
  type RefusalReason,
} from './rules';
import { documentStorageKey } from './storage-key';
import {
  findUploadTarget,
  recordDocument,
  type DocumentDeps,
  type UploadResult,
} from './upload-document';

/** The content types a browser may declare for a direct post (the bucket's policy pins it). */
export const DIRECT_CONTENT_TYPES: readonly string[] = SIGNATURES.map((s) => s.contentType);

/** How long the app accepts to hear back about a direct post: the form's 5 minutes, then time to send 30 MB. */
export const TICKET_SECONDS = 30 * 60;

interface TicketClaims {
  /** The resident, the application's reference, the checklist item. */
  u: string;
  r: string;
  i: string;
  /** The application's id and the document's generated id: the object's key. */
  a: string;
  d: string;
  /** The cleaned name. */
  n: string;
  /** Expiry, in milliseconds since the epoch. */
  e: number;
}

const PURPOSE = 'documents:direct-upload-ticket:v1';

function signTicket(claims: TicketClaims): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${hashIdentifier(payload, PURPOSE)}`;
}

function readTicket(ticket: string): TicketClaims | null {
  if (ticket.length > 2000) return null;
  const [payload, mac, ...rest] = ticket.split('.');
  if (!payload || !mac || rest.length > 0) return null;
  if (!safeEqual(mac, hashIdentifier(payload, PURPOSE))) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TicketClaims;
    return typeof claims.e === 'number' ? claims : null;
  } catch {
    return null;
  }
}

export type PresignResult =
  | { status: 'ok'; post: PresignedPost; ticket: string }
  | { status: 'refused'; reason: RefusalReason; name: string }
  | { status: 'not_found' }
  | { status: 'not_editable' }
  /** The store has no direct post (fs), or the declared type is not one the bucket may take. */
  | { status: 'unsupported' };

/**
 * Step 1 of a direct upload (STORAGE_DRIVER=s3, with JavaScript): the rules that can be applied
 * before a byte is sent (owner, editable, checklist item, count, the declared size), then a
 * presigned POST for a key generated here, its policy limiting the object to 1 byte … 30 MB of
 * the declared Content-Type for 5 minutes, and a signed ticket naming that key, this resident,
 * application and item. Nothing is written: an object posted but never reported is an orphan,
 * deleted by the sweep after an hour.
 */
export async function presignDocumentUpload(
  deps: DocumentDeps,
  input: {
    userId: string;
    reference: string;
    item: string;
    fileName: string;
    size: number;
    contentType: string;
  },
): Promise<PresignResult> {
  const { storage } = deps;
  const name = cleanFileName(input.fileName);
  const target = await findUploadTarget(deps.db, input);
  if (!target) return { status: 'not_found' };
  if (!DOCUMENTS_EDITABLE_STATUSES.includes(target.status)) return { status: 'not_editable' };
  if (!storage.presignedPost || !DIRECT_CONTENT_TYPES.includes(input.contentType))
    return { status: 'unsupported' };
  if (checkFileCount(target.files) === 'too_many')
    return { status: 'refused', reason: 'too_many', name };
  const size = checkFileSize(input.size);
  if (size !== 'ok') return { status: 'refused', reason: size, name };
  const documentId = randomUUID();
  const post = await storage.presignedPost(documentStorageKey(target.id, documentId), {
    maxBytes: MAX_FILE_BYTES,
    contentType: input.contentType,
  });
  const ticket = signTicket({
    u: input.userId,
    r: input.reference,
    i: input.item,
    a: target.id,
    d: documentId,
    n: name,
    e: deps.now().getTime() + TICKET_SECONDS * 1000,
  });
  return { status: 'ok', post, ticket };
}

/**
 * Step 2 of a direct upload: the browser says it posted the file. The ticket must be this
 * resident's and this application's, and not expired. Then the object itself is checked as an
 * upload through the app is (its size from the store, its type by its first bytes, the count),
 * deleted when refused, and recorded and scanned when accepted. Reporting the same ticket twice
 * records the file once.
 */
export async function completeDocumentUpload(
  deps: DocumentDeps,
  input: { userId: string; reference: string; ticket: string },
): Promise<UploadResult> {
  const { db, storage } = deps;
  const claims = readTicket(input.ticket);
  if (
    !claims ||
    claims.u !== input.userId ||
    claims.r !== input.reference ||
    claims.e < deps.now().getTime()
  )
    return { status: 'not_found' };
  const target = await findUploadTarget(db, {
    userId: input.userId,
    reference: input.reference,
    item: claims.i,
  });
  if (!target || target.id !== claims.a) return { status: 'not_found' };
  const key = documentStorageKey(target.id, claims.d);
  const [existing] = await db
    .select({ scanStatus: applicationDocuments.scanStatus, name: applicationDocuments.fileName })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.id, claims.d));
  if (existing)
    return {
      status: 'stored',
      id: claims.d,
      name: existing.name,
      scanStatus: existing.scanStatus as Extract<UploadResult, { status: 'stored' }>['scanStatus'],
    };
  if (!DOCUMENTS_EDITABLE_STATUSES.includes(target.status)) {
    await storage.delete(key);
    return { status: 'not_editable' };
  }

  const object = await storage.get(key);
  if (!object) return { status: 'refused', reason: 'unreadable', name: claims.n };
  const peeked = await peekHead(object.body);
  object.body.destroy();
  const checked = checkUpload({
    name: claims.n,
    size: object.size,
    head: peeked.head,
    existingCount: target.files,
  });
  if (!checked.ok) {
    await storage.delete(key);
    return { status: 'refused', reason: checked.reason, name: checked.name };
  }
  return recordDocument(deps, {
    target,
    id: claims.d,
    key,
    item: claims.i,
    name: checked.name,
    contentType: checked.contentType,
    size: object.size,
    head: peeked.head,
    userId: input.userId,
  });
}
