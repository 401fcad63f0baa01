import { describe, expect, it } from 'vitest';
import { assertProductionSecrets, authSecrets } from '@/lib/security/secrets';

const good = 'Zx8d0pQ1mY5rT2vW9sL4kJ7hG3fD6aB0cE1nM8uI2oP=';
const prod = {
  NODE_ENV: 'production',
  AUTH_SECRET: good,
  APP_URL: 'https://monservice.ottawa.ca',
  PIN_PEPPER: 'Qm9uam91ciBsZXMgYW1pcyBkdSBjb2RlIGR1IGLDonRpbWVudA',
  CRON_SECRET: 'c3VyIGxlIHBvbnQgZCdBdmlnbm9u',
  PAYMENT_PROVIDER: 'test',
};

describe('assertProductionSecrets (SEC-01)', () => {
  it('accepts a real secret and an https APP_URL', () => {
    expect(() => assertProductionSecrets(prod)).not.toThrow();
  });

  it('accepts an http APP_URL (a local production build)', () => {
    expect(() =>
      assertProductionSecrets({ ...prod, APP_URL: 'http://localhost:3000' }),
    ).not.toThrow();
  });

  it('SEC-01: refuses a missing or short CRON_SECRET, naming it', () => {
    for (const CRON_SECRET of [undefined, '', '   ', 'x'.repeat(15)]) {
      expect(() => assertProductionSecrets({ ...prod, CRON_SECRET })).toThrow(/^CRON_SECRET/);
    }
  });

  it('SEC-01: refuses the embedded database on a serverless host, where it would vanish', () => {
    for (const host of [{ VERCEL: '1' }, { AWS_LAMBDA_FUNCTION_NAME: 'portal' }]) {
      expect(() => assertProductionSecrets({ ...prod, ...host })).toThrow(/^DATABASE_URL/);
      expect(() =>
        assertProductionSecrets({ ...prod, ...host, DATABASE_URL: 'postgres://u@db.neon.tech/p' }),
      ).not.toThrow();
    }
    // One server keeps its disk: the embedded database is allowed there.
    expect(() => assertProductionSecrets(prod)).not.toThrow();
  });

  it('SEC-01: refuses a missing, short, development or reused PIN_PEPPER, naming it', () => {
    for (const PIN_PEPPER of [
      undefined,
      'x'.repeat(31),
      'dev-only-pin-pepper-not-for-production-0123456789',
      good,
    ]) {
      expect(() => assertProductionSecrets({ ...prod, PIN_PEPPER })).toThrow(/PIN_PEPPER/);
    }
  });

  it('SEC-01: refuses a missing or blank AUTH_SECRET, naming it', () => {
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: undefined })).toThrow(
      /AUTH_SECRET/,
    );
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: '   ' })).toThrow(/AUTH_SECRET/);
  });

  it('SEC-01: refuses a secret shorter than 32 characters and accepts exactly 32', () => {
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: 'x'.repeat(31) })).toThrow(
      /AUTH_SECRET.*32/,
    );
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('SEC-01: supports comma-separated rotation and refuses a short value among them', () => {
    expect(() =>
      assertProductionSecrets({ ...prod, AUTH_SECRET: `${good},${'y'.repeat(40)}` }),
    ).not.toThrow();
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: `${good},short` })).toThrow(
      /AUTH_SECRET \(value 2 of 2\)/,
    );
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: `${good},` })).toThrow(
      /AUTH_SECRET/,
    );
  });

  it('refuses the committed development secret', () => {
    expect(() =>
      assertProductionSecrets({
        ...prod,
        AUTH_SECRET: 'dev-only-secret-not-for-production-0123456789abcdef',
      }),
    ).toThrow(/development/);
  });

  it('never puts the secret value in the message', () => {
    const short = 'hunter2-secret';
    expect(() => assertProductionSecrets({ ...prod, AUTH_SECRET: short })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(short) }),
    );
  });

  it.each([
    [undefined, /APP_URL is missing/],
    ['', /APP_URL is missing/],
    ['monservice.ottawa.ca', /APP_URL is not a valid URL/],
    ['ftp://monservice.ottawa.ca', /APP_URL must be an http\(s\) URL/],
    ['javascript:alert(1)', /APP_URL must be an http\(s\) URL/],
  ])('refuses APP_URL %j', (appUrl, message) => {
    expect(() => assertProductionSecrets({ ...prod, APP_URL: appUrl })).toThrow(message);
  });

  it('does nothing outside production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertProductionSecrets({ NODE_ENV: 'test', AUTH_SECRET: 'short' })).not.toThrow();
  });
});

describe('authSecrets', () => {
  it('splits rotated secrets, current first, dropping blanks', () => {
    expect(authSecrets({ AUTH_SECRET: ' new , old ,' })).toEqual(['new', 'old']);
    expect(authSecrets({})).toEqual([]);
  });
});
