import { and, eq } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { type ApplicationStatus, transitionApplication } from './status-machine';

/**
 * "Retirer la demande": a submitted application's owner asks for its withdrawal; staff confirm it
 * (`confirm_withdrawal`). Until then the application keeps its status and shows the request.
 * A second request, or one after a decision, is 'not_allowed' and changes nothing.
 */
export async function requestWithdrawal(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { userId: string; reference: string },
): Promise<'ok' | 'not_found' | 'not_allowed'> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({
        id: applications.id,
        status: applications.status,
        withdrawalRequestedAt: applications.withdrawalRequestedAt,
      })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application) return 'not_found';
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status: application.status as ApplicationStatus },
      event: 'request_withdrawal',
      actor: { role: 'resident', id: input.userId },
      facts: { withdrawalRequested: application.withdrawalRequestedAt !== null },
      now,
      set: { withdrawalRequestedAt: now },
    });
    return moved.status;
  });
}
