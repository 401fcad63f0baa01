import { paymentProviderName } from './config';
import type { PaymentProvider } from './provider';
import { stripeProvider } from './stripe-provider';
import { testProvider } from './test-provider';

let cached: PaymentProvider | null = null;

/** The configured provider (PAYMENT_PROVIDER), built once per process. */
export function paymentProvider(): PaymentProvider {
  if (cached) return cached;
  const name = paymentProviderName();
  cached =
    name === 'stripe'
      ? stripeProvider({
          secretKey: process.env.STRIPE_SECRET_KEY ?? '',
          webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
        })
      : testProvider();
  return cached;
}
