import { and, inArray, isNotNull } from 'drizzle-orm';
import { applicationDocuments } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { Storage } from '@/lib/storage/storage';
import { DOCUMENTS_PREFIX, parseDocumentStorageKey } from './storage-key';

/** An object younger than this may be an upload whose row is being written: left alone. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000;
const BATCH = 200;

/**
 * Deletes the objects under applications/ that no document row names and that are older than an
 * hour: what a crash between storing a file and writing its row leaves, or a removal whose
 * object delete failed. Returns how many were deleted. Keys that are not document keys are left.
 */
export async function sweepOrphanObjects(
  deps: Pick<Deps, 'db' | 'now'> & { storage: Storage },
): Promise<number> {
  const before = deps.now().getTime() - ORPHAN_AGE_MS;
  let deleted = 0;
  let batch: Array<{ key: string; documentId: string }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = await deps.db
      .select({ id: applicationDocuments.id })
      .from(applicationDocuments)
      .where(
        and(
          inArray(
            applicationDocuments.id,
            batch.map((o) => o.documentId),
          ),
          isNotNull(applicationDocuments.storageKey),
        ),
      );
    const known = new Set(rows.map((r) => r.id));
    for (const object of batch) {
      if (known.has(object.documentId)) continue;
      await deps.storage.delete(object.key);
      deleted += 1;
    }
    batch = [];
  };
  for await (const object of deps.storage.list(DOCUMENTS_PREFIX)) {
    const ids = parseDocumentStorageKey(object.key);
    if (!ids || object.lastModified.getTime() > before) continue;
    batch.push({ key: object.key, documentId: ids.documentId });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return deleted;
}
