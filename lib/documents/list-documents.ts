import { and, asc, eq } from 'drizzle-orm';
import { applicationDocuments, applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { DocumentScanStatus } from './upload-document';

export interface DocumentView {
  id: string;
  item: string;
  fileName: string;
  sizeBytes: number;
  scanStatus: DocumentScanStatus;
  uploadedAt: Date;
}

/** The files of one resident's application, oldest first; [] for anyone else's. One statement. */
export async function listDocuments(
  db: Db,
  userId: string,
  reference: string,
): Promise<DocumentView[]> {
  const rows = await db
    .select({
      id: applicationDocuments.id,
      item: applicationDocuments.item,
      fileName: applicationDocuments.fileName,
      sizeBytes: applicationDocuments.sizeBytes,
      scanStatus: applicationDocuments.scanStatus,
      uploadedAt: applicationDocuments.uploadedAt,
    })
    .from(applicationDocuments)
    .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
    .where(and(eq(applications.reference, reference), eq(applications.userId, userId)))
    .orderBy(asc(applicationDocuments.uploadedAt), asc(applicationDocuments.id));
  return rows;
}
