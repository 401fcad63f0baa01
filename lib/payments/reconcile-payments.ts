import { and, eq, lte } from 'drizzle-orm';
import { paymentAttempts } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { PaymentProvider } from './provider';
import { receivePaymentEvent } from './receive-payment-event';

/**
 * The scheduled job for attempts left open past their 90 minutes (PAY-03): each is asked about
 * at its provider; a paid one is fulfilled exactly as its webhook would (the same function, an
 * event id of its own so a late webhook is still harmless), any other is closed as expired, which
 * frees the invoice for a new "Payer".
 */
export async function reconcilePayments(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'> & { provider: PaymentProvider },
  opts: { limit?: number } = {},
): Promise<{ paid: number; expired: number }> {
  const now = deps.now();
  const stale = await deps.db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.status, 'open'),
        eq(paymentAttempts.provider, deps.provider.name),
        lte(paymentAttempts.expiresAt, now),
      ),
    )
    .orderBy(paymentAttempts.expiresAt)
    .limit(opts.limit ?? 50);
  const counts = { paid: 0, expired: 0 };
  for (const attempt of stale) {
    try {
      await reconcileOne(attempt);
    } catch (error) {
      // One provider error leaves that attempt for the next run; the others go on.
      console.error(
        `[payments] reconciling attempt ${attempt.id} failed:`,
        error instanceof Error ? error.message : String(error),
      );
    }
  }
  return counts;

  async function reconcileOne(attempt: (typeof stale)[number]) {
    const state = attempt.providerReference
      ? await deps.provider.retrieveCheckout(attempt.providerReference)
      : ({ state: 'expired' } as const);
    if (state.state === 'paid' && attempt.providerReference) {
      const result = await receivePaymentEvent(deps, deps.provider.name, {
        eventId: `reconcile:${attempt.id}`,
        checkoutReference: attempt.providerReference,
        outcome: 'paid',
        paymentReference: state.paymentReference,
        amountCents: state.amountCents,
        currency: 'CAD',
      });
      if (result === 'paid') counts.paid += 1;
      return;
    }
    const ended = await deps.db
      .update(paymentAttempts)
      .set({ status: 'expired', endedAt: now })
      .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, 'open')))
      .returning({ id: paymentAttempts.id });
    counts.expired += ended.length;
  }
}
