import { and, eq } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';

/**
 * "Supprimer le brouillon": deletes a draft with its answers and events (cascade). Only a draft,
 * only its owner's: the row is locked and its status read in the same statement's transaction,
 * so a delete racing a submit either deletes the draft or finds it submitted.
 */
export async function deleteDraft(
  deps: Pick<Deps, 'db'>,
  input: { userId: string; reference: string },
): Promise<'ok' | 'not_found' | 'not_draft'> {
  return deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application) return 'not_found';
    if (application.status !== 'draft') return 'not_draft';
    await tx.delete(applications).where(eq(applications.id, application.id));
    return 'ok';
  });
}
