import { PROVIDER_NAMES, type ProviderName } from './provider';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The configured provider: PAYMENT_PROVIDER, `test` by default outside production. Production
 * must name it (assertProductionSecrets refuses to start otherwise, PAY-04).
 */
export function paymentProviderName(env: Env = process.env): ProviderName {
  const value = env.PAYMENT_PROVIDER?.trim() ?? '';
  if (value === '') {
    if (env.NODE_ENV === 'production') throw new Error('PAYMENT_PROVIDER is missing.');
    return 'test';
  }
  if (!(PROVIDER_NAMES as readonly string[]).includes(value)) {
    throw new Error(`PAYMENT_PROVIDER must be one of: ${PROVIDER_NAMES.join(', ')}.`);
  }
  return value as ProviderName;
}

/**
 * The production start-up check for payments (PAY-04): one line naming what is wrong. The test
 * provider only when chosen explicitly; Stripe only with both of its keys.
 */
export function assertPaymentSettings(env: Env): void {
  const value = env.PAYMENT_PROVIDER?.trim() ?? '';
  if (value === '') {
    throw new Error(
      'PAYMENT_PROVIDER is missing: set it to stripe, or to test to take no real payments on purpose.',
    );
  }
  if (!(PROVIDER_NAMES as readonly string[]).includes(value)) {
    throw new Error(`PAYMENT_PROVIDER must be one of: ${PROVIDER_NAMES.join(', ')}.`);
  }
  if (value === 'stripe') {
    if ((env.STRIPE_SECRET_KEY?.trim() ?? '') === '') {
      throw new Error('STRIPE_SECRET_KEY is missing: PAYMENT_PROVIDER=stripe needs it.');
    }
    if ((env.STRIPE_WEBHOOK_SECRET?.trim() ?? '') === '') {
      throw new Error('STRIPE_WEBHOOK_SECRET is missing: PAYMENT_PROVIDER=stripe needs it.');
    }
  }
}
