import { and, asc, eq, sql } from 'drizzle-orm';
import { applications, invoices, paymentAttempts } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import type { PaymentProvider } from './provider';

/** An attempt is open this long, then expires (GOV.UK Pay's 90 minutes, PAY-03). */
export const ATTEMPT_LIFETIME_MS = 90 * 60_000;

/** The statuses in which an open invoice may be paid: the fee at submission, or a charge. */
const PAYABLE: Record<'submission' | 'charge', readonly string[]> = {
  submission: ['payment_required'],
  charge: ['under_review', 'ready_for_issuance'],
};

export type StartPaymentResult =
  | { status: 'redirect'; url: string; attemptId: string }
  /** Another tab is creating the checkout right now: the return page says to wait. */
  | { status: 'pending'; attemptId: string }
  | { status: 'nothing_due' }
  | { status: 'provider_error' }
  | { status: 'not_found' };

export function paymentReturnPath(locale: Locale, reference: string) {
  return localizedDynamicPath('/building-code-services/applications/[reference]/payment', locale, {
    reference,
  });
}

/**
 * "Payer": sends the resident to the provider for the application's oldest open invoice. The
 * amount is the stored invoice's, never a request's (PAY-02). At most one attempt is open per
 * invoice (a partial unique index): a second tab, or a second click, gets the same checkout. An
 * attempt past its 90 minutes is closed as expired and a new one started.
 */
export async function startPayment(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'> & { provider: PaymentProvider },
  input: { userId: string; reference: string; locale: Locale; description: string },
): Promise<StartPaymentResult> {
  const now = deps.now();
  const opened = await deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application) return { status: 'not_found' as const };
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.applicationId, application.id), eq(invoices.status, 'open')))
      .orderBy(asc(invoices.createdAt))
      .limit(1);
    if (!invoice || !PAYABLE[invoice.kind].includes(application.status)) {
      return { status: 'nothing_due' as const };
    }
    const [open] = await tx
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.invoiceId, invoice.id), eq(paymentAttempts.status, 'open')));
    if (open && open.expiresAt > now) {
      return open.checkoutUrl
        ? { status: 'redirect' as const, url: open.checkoutUrl, attemptId: open.id }
        : { status: 'pending' as const, attemptId: open.id };
    }
    if (open) {
      await tx
        .update(paymentAttempts)
        .set({ status: 'expired', endedAt: now })
        .where(and(eq(paymentAttempts.id, open.id), eq(paymentAttempts.status, 'open')));
    }
    const [attempt] = await tx
      .insert(paymentAttempts)
      .values({
        invoiceId: invoice.id,
        provider: deps.provider.name,
        amountCents: invoice.totalCents,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ATTEMPT_LIFETIME_MS),
      })
      .onConflictDoNothing({
        target: paymentAttempts.invoiceId,
        where: sql`${paymentAttempts.status} = 'open'`,
      })
      .returning();
    if (!attempt) return { status: 'nothing_due' as const };
    return { status: 'create' as const, attempt, invoice };
  });
  if (opened.status !== 'create') return opened;

  const { attempt, invoice } = opened;
  const back = `${deps.appUrl}${paymentReturnPath(input.locale, input.reference)}?attempt=${attempt.id}`;
  let checkout: { checkoutReference: string; url: string };
  try {
    checkout = await deps.provider.createCheckout({
      attemptId: attempt.id,
      invoiceId: invoice.id,
      reference: input.reference,
      amountCents: invoice.totalCents,
      currency: 'CAD',
      locale: input.locale,
      description: input.description,
      returnUrl: back,
      cancelUrl: `${back}&result=cancelled`,
      expiresAt: attempt.expiresAt,
    });
  } catch (error) {
    console.error(
      '[payments] the provider refused a checkout:',
      error instanceof Error ? error.message : String(error),
    );
    await deps.db
      .update(paymentAttempts)
      .set({ status: 'failed', endedAt: deps.now() })
      .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, 'open')));
    return { status: 'provider_error' };
  }
  await deps.db
    .update(paymentAttempts)
    .set({ providerReference: checkout.checkoutReference, checkoutUrl: checkout.url })
    .where(eq(paymentAttempts.id, attempt.id));
  return { status: 'redirect', url: checkout.url, attemptId: attempt.id };
}
