import { and, eq } from 'drizzle-orm';
import { findOpenRequest } from '@/lib/applications/respond-to-request';
import { applicationDocuments, applications } from '@/lib/db/schema';
import { DOCUMENTS_EDITABLE_STATUSES } from './checklist';
import type { DocumentDeps } from './upload-document';

/**
 * "Retirer" / "Remove": the row goes in one transaction with the owner and an editable status
 * checked on the locked application, then the object (if that fails, the orphan sweep deletes
 * it). Another resident's document, or none, is 'not_found'. While answering a request for
 * information only a file added since the request may be removed ('not_editable' otherwise):
 * what the City reviewed stays with the application.
 */
export async function removeDocument(
  deps: Pick<DocumentDeps, 'db' | 'storage'>,
  input: { userId: string; reference: string; documentId: string },
): Promise<'ok' | 'not_found' | 'not_editable'> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(input.documentId))
    return 'not_found';
  const outcome = await deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application) return { status: 'not_found' as const };
    if (!DOCUMENTS_EDITABLE_STATUSES.includes(application.status))
      return { status: 'not_editable' as const };
    if (application.status === 'information_required') {
      const request = await findOpenRequest(tx, application.id);
      const [file] = await tx
        .select({ uploadedAt: applicationDocuments.uploadedAt })
        .from(applicationDocuments)
        .where(
          and(
            eq(applicationDocuments.id, input.documentId),
            eq(applicationDocuments.applicationId, application.id),
          ),
        );
      if (!file) return { status: 'not_found' as const };
      if (!request || file.uploadedAt < request.requestedAt)
        return { status: 'not_editable' as const };
    }
    const [removed] = await tx
      .delete(applicationDocuments)
      .where(
        and(
          eq(applicationDocuments.id, input.documentId),
          eq(applicationDocuments.applicationId, application.id),
        ),
      )
      .returning({ storageKey: applicationDocuments.storageKey });
    if (!removed) return { status: 'not_found' as const };
    return { status: 'ok' as const, key: removed.storageKey };
  });
  if (outcome.status === 'ok' && outcome.key) {
    await deps.storage.delete(outcome.key).catch((error: unknown) => {
      console.error('[documents] object left for the sweep:', (error as Error).message);
    });
  }
  return outcome.status;
}
