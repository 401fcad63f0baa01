import type { Locale } from '@/lib/i18n/routing';

/** The providers the portal can use (PAYMENT_PROVIDER). */
export const PROVIDER_NAMES = ['test', 'stripe'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface CheckoutRequest {
  attemptId: string;
  invoiceId: string;
  reference: string;
  /** From the stored invoice, never from a request. */
  amountCents: number;
  currency: 'CAD';
  locale: Locale;
  /** What the provider's page lists: one line per invoice line, already in the resident's words. */
  description: string;
  /** Where the provider sends the resident back: paid (or being confirmed), or abandoned. */
  returnUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

/** What a provider says about a checkout, when asked (reconciliation). */
export type CheckoutState =
  | { state: 'open' }
  | { state: 'paid'; paymentReference: string; amountCents: number }
  | { state: 'expired' }
  | { state: 'failed' };

/**
 * A notification from the provider, once its signature is verified. `checkoutReference` names the
 * attempt (the provider's id of the checkout); `eventId` makes a replay harmless.
 */
export type PaymentEvent = {
  eventId: string;
  checkoutReference: string;
} & (
  | { outcome: 'paid'; paymentReference: string; amountCents: number; currency: string }
  | { outcome: 'failed' | 'cancelled' | 'expired' }
  /** An event the portal does not act on: acknowledged, nothing changes. */
  | { outcome: 'ignored' }
);

/**
 * A payment provider behind one interface (APPLICATIONS.md, "Fees and payment"): the portal never
 * sees a card number; it sends the resident to the provider's page and learns the outcome only
 * from a signed notification (PAY-01, PAY-02).
 */
export interface PaymentProvider {
  name: ProviderName;
  createCheckout(request: CheckoutRequest): Promise<{ checkoutReference: string; url: string }>;
  retrieveCheckout(checkoutReference: string): Promise<CheckoutState>;
  /** The event of a signed notification, or null when the signature (on the raw body) fails. */
  verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent | null>;
  /** Gives the payment back; `idempotencyKey` makes a retried call return the same refund. */
  refund(input: {
    paymentReference: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ refundReference: string }>;
}
