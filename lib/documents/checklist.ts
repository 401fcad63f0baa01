import type { ApplicationTypeDef, DocumentDef } from '@/lib/applications/catalogue';
import type { ApplicationAnswers } from '@/lib/applications/step-schema';

/**
 * The statuses in which the resident may add and remove files: a draft, and an application
 * answering the City's request for information (where only the files added since the request
 * may be removed: the ones the City reviewed stay, lib/documents/remove-document.ts).
 */
export const DOCUMENTS_EDITABLE_STATUSES: readonly string[] = ['draft', 'information_required'];

/**
 * The item of the permit the City issues (lib/staff/issue-permit.ts): among the application's
 * documents, never in a type's checklist, so a resident can neither upload to it nor remove it.
 */
export const PERMIT_ITEM = 'permit';

/** Scan states in which a file counts, is shown to staff and may be downloaded (DOC-02). */
export const VISIBLE_SCAN_STATUSES = ['clean', 'not_scanned'] as const;

/** The checklist items that apply to these answers (an item's `when` names a field's values). */
export function checklistFor(
  type: ApplicationTypeDef,
  answers: ApplicationAnswers,
): readonly DocumentDef[] {
  const all: Record<string, unknown> = Object.assign({}, ...Object.values(answers));
  return type.documents.filter(
    (d) => !d.when || d.when.in.includes(String(all[d.when.field] ?? '')),
  );
}

/** The required items of the checklist without a visible file, in the checklist's order. */
export function missingRequiredItems(
  type: ApplicationTypeDef,
  answers: ApplicationAnswers,
  documents: ReadonlyArray<{ item: string; scanStatus: string }>,
): string[] {
  const present = new Set(
    documents
      .filter((d) => (VISIBLE_SCAN_STATUSES as readonly string[]).includes(d.scanStatus))
      .map((d) => d.item),
  );
  return checklistFor(type, answers)
    .filter((d) => d.required && !present.has(d.key))
    .map((d) => d.key);
}
