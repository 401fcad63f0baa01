import type { Readable } from 'node:stream';
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { applicationDocuments, applications } from '@/lib/db/schema';
import { VISIBLE_SCAN_STATUSES } from './checklist';
import type { DocumentDeps } from './upload-document';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A document to download (DOC-03): for a resident, only their own application's; for a staff
 * member (the caller has checked the full staff session, issue 19), any application past draft
 * (staff never see drafts); for both, only a clean or not-scanned file. null for anything else —
 * another resident's id, an unknown one, a pending or infected file — so the route answers the
 * same 404 for all of them.
 */
export async function openDocument(
  deps: Pick<DocumentDeps, 'db' | 'storage'>,
  input: { documentId: string } & ({ userId: string } | { staff: true }),
): Promise<{ fileName: string; contentType: string; size: number; body: Readable } | null> {
  if (!UUID.test(input.documentId)) return null;
  const [row] = await deps.db
    .select({
      fileName: applicationDocuments.fileName,
      contentType: applicationDocuments.contentType,
      storageKey: applicationDocuments.storageKey,
    })
    .from(applicationDocuments)
    .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
    .where(
      and(
        eq(applicationDocuments.id, input.documentId),
        'userId' in input
          ? eq(applications.userId, input.userId)
          : ne(applications.status, 'draft'),
        inArray(applicationDocuments.scanStatus, [...VISIBLE_SCAN_STATUSES]),
        isNotNull(applicationDocuments.storageKey),
      ),
    );
  if (!row?.storageKey) return null;
  const object = await deps.storage.get(row.storageKey);
  if (!object) return null;
  return {
    fileName: row.fileName,
    contentType: row.contentType,
    size: object.size,
    body: object.body,
  };
}
