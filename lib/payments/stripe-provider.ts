import Stripe from 'stripe';
import type { CheckoutState, PaymentEvent, PaymentProvider } from './provider';

/**
 * Stripe Checkout (package `stripe`): a hosted Checkout Session in CAD, in the resident's
 * language; fulfilment only from the signature-verified webhook (PAY-02). The card is typed on
 * Stripe's page only (PAY-01). `client` lets the tests point the SDK at a local stand-in.
 */
export function stripeProvider(opts: {
  secretKey: string;
  webhookSecret: string;
  client?: Stripe;
}): PaymentProvider {
  const stripe = opts.client ?? new Stripe(opts.secretKey, { maxNetworkRetries: 2 });
  const outcomeOf = (session: Stripe.Checkout.Session): CheckoutState => {
    if (session.status === 'expired') return { state: 'expired' };
    if (session.status === 'complete' && session.payment_status === 'paid') {
      return {
        state: 'paid',
        paymentReference: paymentIntentId(session),
        amountCents: session.amount_total ?? 0,
      };
    }
    return { state: 'open' };
  };
  return {
    name: 'stripe',
    async createCheckout(request) {
      const metadata = {
        invoiceId: request.invoiceId,
        reference: request.reference,
        attemptId: request.attemptId,
      };
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          currency: 'cad',
          locale: request.locale,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'cad',
                unit_amount: request.amountCents,
                product_data: { name: request.description },
              },
            },
          ],
          client_reference_id: request.attemptId,
          metadata,
          payment_intent_data: { metadata },
          success_url: request.returnUrl,
          cancel_url: request.cancelUrl,
          expires_at: Math.floor(request.expiresAt.getTime() / 1000),
        },
        { idempotencyKey: `checkout-${request.attemptId}` },
      );
      if (!session.url) throw new Error('Stripe gave a Checkout Session without a URL');
      return { checkoutReference: session.id, url: session.url };
    },
    async retrieveCheckout(checkoutReference) {
      return outcomeOf(await stripe.checkout.sessions.retrieve(checkoutReference));
    },
    async verifyWebhook(rawBody, headers): Promise<PaymentEvent | null> {
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          headers.get('stripe-signature') ?? '',
          opts.webhookSecret,
        );
      } catch {
        return null;
      }
      const base = { eventId: event.id };
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded': {
          const session = event.data.object;
          if (session.payment_status !== 'paid') {
            // A delayed method (a bank debit): the async events say how it ends.
            return { ...base, checkoutReference: session.id, outcome: 'ignored' };
          }
          return {
            ...base,
            checkoutReference: session.id,
            outcome: 'paid',
            paymentReference: paymentIntentId(session),
            amountCents: session.amount_total ?? 0,
            currency: (session.currency ?? '').toUpperCase(),
          };
        }
        case 'checkout.session.async_payment_failed':
          return { ...base, checkoutReference: event.data.object.id, outcome: 'failed' };
        case 'checkout.session.expired':
          return { ...base, checkoutReference: event.data.object.id, outcome: 'expired' };
        default:
          return { ...base, checkoutReference: '', outcome: 'ignored' };
      }
    },
    async refund({ paymentReference, amountCents, idempotencyKey }) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentReference, amount: amountCents },
        { idempotencyKey },
      );
      return { refundReference: refund.id };
    },
  };
}

function paymentIntentId(session: Stripe.Checkout.Session): string {
  const pi = session.payment_intent;
  return typeof pi === 'string' ? pi : (pi?.id ?? session.id);
}
