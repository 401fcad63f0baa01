/**
 * Where a document's bytes live in the store: a key made of the application's id and the
 * document's own generated id, never anything a resident typed (DOC-01). The orphan sweep reads
 * keys back with parseDocumentStorageKey to find the database row each object belongs to.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every document key starts with this; list(DOCUMENTS_PREFIX) walks them all. */
export const DOCUMENTS_PREFIX = 'applications/';

export function documentStorageKey(applicationId: string, documentId: string): string {
  for (const id of [applicationId, documentId])
    if (!UUID.test(id)) throw new Error(`not a generated id: ${JSON.stringify(id.slice(0, 60))}`);
  return `${DOCUMENTS_PREFIX}${applicationId}/${documentId}`;
}

/** The ids a document key was made of, or null for any other key. */
export function parseDocumentStorageKey(
  key: string,
): { applicationId: string; documentId: string } | null {
  const [folder, applicationId, documentId, ...rest] = key.split('/');
  if (`${folder}/` !== DOCUMENTS_PREFIX || rest.length > 0) return null;
  if (!applicationId || !documentId || !UUID.test(applicationId) || !UUID.test(documentId))
    return null;
  return { applicationId, documentId };
}
