import { and, eq } from 'drizzle-orm';
import { invoices, payments, refunds } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { PaymentProvider } from './provider';

/**
 * Gives back what was paid for an application's submission invoice and records it, in the
 * caller's transaction (a withdrawal before the City's review starts). The provider is asked with
 * the payment's id as idempotency key, so a retried transaction gets the same refund, and the
 * refund row is unique per payment: nothing is refunded or recorded twice. 'none' when nothing
 * was paid (or it was refunded already).
 */
export async function refundSubmissionPayment(
  tx: Db,
  input: { applicationId: string; provider: PaymentProvider; reason: string; now: Date },
): Promise<{ status: 'refunded'; amountCents: number } | { status: 'none' }> {
  const [paid] = await tx
    .select({
      id: payments.id,
      provider: payments.provider,
      providerReference: payments.providerReference,
      amountCents: payments.amountCents,
      refundId: refunds.id,
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .leftJoin(refunds, eq(refunds.paymentId, payments.id))
    .where(and(eq(invoices.applicationId, input.applicationId), eq(invoices.kind, 'submission')));
  if (!paid || paid.refundId) return { status: 'none' };
  if (paid.provider !== input.provider.name) {
    throw new Error(`A ${paid.provider} payment cannot be refunded through ${input.provider.name}`);
  }
  const { refundReference } = await input.provider.refund({
    paymentReference: paid.providerReference,
    amountCents: paid.amountCents,
    idempotencyKey: `refund-${paid.id}`,
  });
  await tx.insert(refunds).values({
    paymentId: paid.id,
    providerReference: refundReference,
    amountCents: paid.amountCents,
    reason: input.reason,
    createdAt: input.now,
  });
  return { status: 'refunded', amountCents: paid.amountCents };
}
