import { and, eq } from 'drizzle-orm';
import {
  applications,
  invoiceLines,
  invoices,
  paymentAttempts,
  payments,
  paymentWebhookEvents,
  users,
} from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { type ApplicationStatus, transitionApplication } from '@/lib/applications/status-machine';
import { outstandingChargesCents } from './invoices';
import type { PaymentEvent, ProviderName } from './provider';

export type ReceiveResult =
  | 'paid'
  | 'ended'
  | 'ignored'
  /** This event id was handled before: nothing changes (a replay, a retry). */
  | 'duplicate'
  /** No attempt has this checkout reference. */
  | 'unknown'
  /** The invoice is already paid (by this attempt or another): nothing recorded twice. */
  | 'already_paid'
  /** The amount or currency differs from the stored invoice: not settled, logged. */
  | 'mismatch';

/**
 * The one place a payment is fulfilled (PAY-02): a verified notification from the provider, or
 * the reconciliation job's answer from it. In one transaction: the event id recorded (a replay is
 * 'duplicate'), the attempt closed, and for a payment the payment recorded, the invoice settled,
 * the application moved by the status machine (`payment_settled` to "Soumise", or `charge_paid`)
 * and the receipt queued in the resident's language. Unique indexes (event id, one payment per
 * invoice, provider references) make a second delivery change nothing even when two race.
 */
export async function receivePaymentEvent(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  provider: ProviderName,
  event: PaymentEvent,
): Promise<ReceiveResult> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const fresh = await tx
      .insert(paymentWebhookEvents)
      .values({ provider, eventId: event.eventId, type: event.outcome, receivedAt: now })
      .onConflictDoNothing()
      .returning({ eventId: paymentWebhookEvents.eventId });
    if (fresh.length === 0) return 'duplicate' as const;
    if (event.outcome === 'ignored') return 'ignored' as const;

    const [attempt] = await tx
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.provider, provider),
          eq(paymentAttempts.providerReference, event.checkoutReference),
        ),
      )
      .for('update');
    if (!attempt) return 'unknown' as const;

    if (event.outcome !== 'paid') {
      await tx
        .update(paymentAttempts)
        .set({ status: event.outcome, endedAt: now })
        .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, 'open')));
      return 'ended' as const;
    }

    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(eq(invoices.id, attempt.invoiceId))
      .for('update');
    if (!invoice) return 'unknown' as const;
    if (invoice.status !== 'open') {
      if (invoice.status === 'paid') {
        // A checkout paid after another settled the invoice would be a second charge: say so
        // loudly for the operators (refund from the provider's dashboard); never record it twice.
        const [settled] = await tx
          .select({ ref: payments.providerReference })
          .from(payments)
          .where(eq(payments.invoiceId, invoice.id));
        if (settled && settled.ref !== event.paymentReference) {
          console.error(
            `[payments] a second payment ${event.paymentReference} for paid invoice ${invoice.id}: refund it`,
          );
        }
      }
      return 'already_paid' as const;
    }
    if (
      event.amountCents !== invoice.totalCents ||
      event.currency.toUpperCase() !== invoice.currency
    ) {
      console.error(
        `[payments] payment ${event.paymentReference} for invoice ${invoice.id} does not match its amount`,
      );
      return 'mismatch' as const;
    }

    await tx.insert(payments).values({
      invoiceId: invoice.id,
      attemptId: attempt.id,
      provider,
      providerReference: event.paymentReference,
      amountCents: invoice.totalCents,
      currency: invoice.currency,
      paidAt: now,
    });
    await tx
      .update(invoices)
      .set({ status: 'paid', paidAt: now })
      .where(eq(invoices.id, invoice.id));
    await tx
      .update(paymentAttempts)
      .set({ status: 'paid', endedAt: now })
      .where(eq(paymentAttempts.id, attempt.id));

    const [application] = await tx
      .select({
        id: applications.id,
        reference: applications.reference,
        status: applications.status,
        userId: applications.userId,
      })
      .from(applications)
      .where(eq(applications.id, invoice.applicationId))
      .for('update');
    if (!application) throw new Error('An invoice without its application');
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status: application.status as ApplicationStatus },
      event: invoice.kind === 'submission' ? 'payment_settled' : 'charge_paid',
      actor: { role: 'system', id: null },
      facts: { outstandingCents: await outstandingChargesCents(tx, application.id) },
      now,
      detail: { invoiceId: invoice.id, amountCents: invoice.totalCents },
    });
    if (moved.status !== 'ok') {
      console.error(
        `[payments] invoice ${invoice.id} paid while its application is ${application.status}`,
      );
    }

    const [owner] = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, application.userId));
    const lines = await tx
      .select({
        labelKey: invoiceLines.labelKey,
        labelParams: invoiceLines.labelParams,
        amountCents: invoiceLines.amountCents,
      })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoice.id))
      .orderBy(invoiceLines.position);
    if (owner) {
      await enqueueEmail(
        tx,
        {
          to: owner.email,
          template: 'payment-receipt',
          locale: owner.locale,
          props: {
            reference: application.reference,
            lines: lines.map((l) => ({
              labelKey: l.labelKey,
              labelParams: l.labelParams,
              amountCents: l.amountCents,
            })),
            totalCents: invoice.totalCents,
            paidAt: now.toISOString(),
            providerReference: event.paymentReference,
            receiptUrl: `${deps.appUrl}${receiptPath(owner.locale, application.reference, invoice.id)}`,
          },
        },
        { now: () => now },
      );
    }
    return 'paid' as const;
  });
}

/** A receipt's page: the application's reference and the invoice paid. */
export function receiptPath(locale: Locale, reference: string, invoice: string) {
  return localizedDynamicPath(
    '/building-code-services/applications/[reference]/receipt/[invoice]',
    locale,
    { reference, invoice },
  );
}
