import { describe, expect, it } from 'vitest';
import { paymentProviderName } from '@/lib/payments/config';
import { assertProductionSecrets } from '@/lib/security/secrets';

const prod = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'Zx8d0pQ1mY5rT2vW9sL4kJ7hG3fD6aB0cE1nM8uI2oP=',
  APP_URL: 'https://monservice.ottawa.ca',
  PIN_PEPPER: 'Qm9uam91ciBsZXMgYW1pcyBkdSBjb2RlIGR1IGLDonRpbWVudA',
  CRON_SECRET: 'c3VyIGxlIHBvbnQgZCdBdmlnbm9u',
};

describe('payment settings', () => {
  it('PAY-04: production without PAYMENT_PROVIDER refuses to start, with one clear line', () => {
    expect(() => assertProductionSecrets(prod)).toThrow(/^PAYMENT_PROVIDER is missing: .*test/);
    expect(() => assertProductionSecrets({ ...prod, PAYMENT_PROVIDER: ' ' })).toThrow(
      /^PAYMENT_PROVIDER is missing/,
    );
  });

  it('PAY-04: production accepts the test provider only when it is chosen explicitly', () => {
    expect(() => assertProductionSecrets({ ...prod, PAYMENT_PROVIDER: 'test' })).not.toThrow();
    expect(() => assertProductionSecrets({ ...prod, PAYMENT_PROVIDER: 'paypal' })).toThrow(
      /^PAYMENT_PROVIDER must be one of/,
    );
  });

  it('PAY-04: production refuses Stripe without its secret key or its webhook secret, naming each', () => {
    const stripe = { ...prod, PAYMENT_PROVIDER: 'stripe' };
    expect(() => assertProductionSecrets(stripe)).toThrow(/^STRIPE_SECRET_KEY is missing/);
    expect(() => assertProductionSecrets({ ...stripe, STRIPE_SECRET_KEY: 'sk_live_x' })).toThrow(
      /^STRIPE_WEBHOOK_SECRET is missing/,
    );
    expect(() =>
      assertProductionSecrets({
        ...stripe,
        STRIPE_SECRET_KEY: 'sk_live_x',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
      }),
    ).not.toThrow();
  });

  it('uses the test provider by default outside production', () => {
    expect(paymentProviderName({ NODE_ENV: 'development' })).toBe('test');
    expect(paymentProviderName({ NODE_ENV: 'test', PAYMENT_PROVIDER: 'stripe' })).toBe('stripe');
    expect(() => paymentProviderName({ NODE_ENV: 'production' })).toThrow(/PAYMENT_PROVIDER/);
  });
});
