import { and, eq } from 'drizzle-orm';
import { applications, invoices, paymentAttempts } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { PaymentProvider } from '@/lib/payments/provider';
import { refundSubmissionPayment } from '@/lib/payments/refund-payment';
import { type ApplicationStatus, transitionApplication } from './status-machine';

/**
 * "Retirer la demande": a submitted application's owner asks for its withdrawal; staff confirm it
 * (`confirm_withdrawal`). Until then the application keeps its status and shows the request.
 * A second request, or one after a decision, is 'not_allowed' and changes nothing; so is one
 * while a payment attempt is open (the application is locked until the provider answers).
 *
 * A request made while the application is still "Soumise" (the City has not started its review)
 * refunds the submission fee through the provider and records the refund, in the same
 * transaction. It is refunded at the request, not at the staff's confirmation: the table has no
 * way to refuse a withdrawal once asked, so the request is the decision, and the resident is not
 * kept waiting for their money on a clerk.
 */
export async function requestWithdrawal(
  deps: Pick<Deps, 'db' | 'now'> & { provider?: PaymentProvider },
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
    const [openAttempt] = await tx
      .select({ id: paymentAttempts.id })
      .from(paymentAttempts)
      .innerJoin(invoices, eq(invoices.id, paymentAttempts.invoiceId))
      .where(and(eq(invoices.applicationId, application.id), eq(paymentAttempts.status, 'open')));
    if (openAttempt) return 'not_allowed';
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status: application.status as ApplicationStatus },
      event: 'request_withdrawal',
      actor: { role: 'resident', id: input.userId },
      facts: { withdrawalRequested: application.withdrawalRequestedAt !== null },
      now,
      set: { withdrawalRequestedAt: now },
    });
    if (moved.status !== 'ok') return moved.status;
    if (application.status === 'submitted') {
      const provider = deps.provider ?? (await import('@/lib/payments/runtime')).paymentProvider();
      await refundSubmissionPayment(tx, {
        applicationId: application.id,
        provider,
        reason: 'withdrawal_before_review',
        now,
      });
    }
    return 'ok';
  });
}
