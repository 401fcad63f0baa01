import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashIdentifier, hashToken, newToken, safeEqual, sha256Hex } from '@/lib/security/tokens';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('newToken (ACT-01)', () => {
  it('gives 1000 unique base64url tokens of 43 characters (256 bits)', () => {
    const tokens = Array.from({ length: 1000 }, () => newToken());
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) {
      expect(t.length).toBeGreaterThanOrEqual(22);
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });
});

describe('hashToken', () => {
  it('is deterministic, 64 hex characters, and not the token', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(hashToken(t)).not.toBe(hashToken(newToken()));
  });

  it('is the SHA-256 of the token', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashToken('abc')).toBe(sha256Hex('abc'));
  });
});

describe('hashIdentifier', () => {
  it('is deterministic and never contains the raw value', () => {
    const h = hashIdentifier('jean.tremblay@ex.ca', 'login');
    expect(h).toBe(hashIdentifier('jean.tremblay@ex.ca', 'login'));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('tremblay');
  });

  it('separates purposes: the same value gives unrelated hashes', () => {
    expect(hashIdentifier('203.0.113.7', 'login-ip')).not.toBe(
      hashIdentifier('203.0.113.7', 'register-ip'),
    );
  });

  it('is keyed by AUTH_SECRET: a different secret gives a different hash', () => {
    vi.stubEnv('AUTH_SECRET', 'a'.repeat(32));
    const first = hashIdentifier('a@ex.ca', 'login');
    vi.stubEnv('AUTH_SECRET', 'b'.repeat(32));
    const second = hashIdentifier('a@ex.ca', 'login');
    expect(first).not.toBe(second);
    expect(first).not.toBe(sha256Hex('a@ex.ca'));
  });

  it('uses the first of several rotated secrets', () => {
    vi.stubEnv('AUTH_SECRET', `${'a'.repeat(32)},${'z'.repeat(32)}`);
    const rotated = hashIdentifier('a@ex.ca', 'login');
    vi.stubEnv('AUTH_SECRET', 'a'.repeat(32));
    expect(hashIdentifier('a@ex.ca', 'login')).toBe(rotated);
  });

  it('refuses to run in production without AUTH_SECRET', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('AUTH_SECRET', '');
    expect(() => hashIdentifier('a@ex.ca', 'login')).toThrow(/AUTH_SECRET/);
  });
});

describe('safeEqual', () => {
  it('is true only for identical strings', () => {
    const t = newToken();
    expect(safeEqual(t, `${t}`)).toBe(true);
    expect(safeEqual(t, newToken())).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
  });
});
