import { decode, encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';
import {
  SESSION_TOKEN_CACHE_SIZE,
  encodeSessionToken,
  readSessionToken,
  sessionTokenCacheSize,
} from '@/lib/auth/session-token';
import { authSecrets } from '@/lib/security/secrets';

const mint = (claims: Record<string, unknown>, maxAge = 3600, secret = authSecrets()) =>
  encode({ token: claims, secret, salt: SESSION_COOKIE, maxAge });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('session token reading (decrypted claims kept per cookie value)', () => {
  it('a second read of the same cookie gives the same claims without decrypting again', async () => {
    const raw = await mint({ sub: 'a', sv: 3 });
    const first = await readSessionToken(raw);
    const subtle = vi.spyOn(crypto.subtle, 'decrypt');
    const second = await readSessionToken(raw);
    expect(subtle).not.toHaveBeenCalled();
    subtle.mockRestore();
    expect(second).toEqual(first);
    expect(second).toMatchObject({ sub: 'a', sv: 3 });
    // Each caller gets its own copy: changing one changes nothing for the next reader.
    second!.sv = 99;
    expect((await readSessionToken(raw))?.sv).toBe(3);
  });

  it('a cookie changed by one character is decrypted (and refused), never served from the cache', async () => {
    const raw = await mint({ sub: 'a', sv: 1 });
    await readSessionToken(raw);
    const i = raw.length - 5;
    const tampered = raw.slice(0, i) + (raw[i] === 'A' ? 'B' : 'A') + raw.slice(i + 1);
    expect(await readSessionToken(tampered)).toBeNull();
    expect(await readSessionToken('not-a-token')).toBeNull();
    expect(await readSessionToken(undefined)).toBeNull();
  });

  it('an expired token is refused on a cached read too (exp is checked on every read)', async () => {
    const raw = await mint({ sub: 'a' }, 60);
    expect(await readSessionToken(raw)).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 2 * 60_000, toFake: ['Date'] });
    expect(await readSessionToken(raw)).toBeNull();
  });

  it('after AUTH_SECRET changes, a token the old secret decrypted is read afresh (and refused)', async () => {
    const raw = await mint({ sub: 'a' });
    expect(await readSessionToken(raw)).not.toBeNull();
    vi.stubEnv('AUTH_SECRET', 'another-secret-of-at-least-thirty-two-characters');
    expect(await readSessionToken(raw)).toBeNull();
  });

  it('a token this process mints is read without decrypting, with the claims sealed in it', async () => {
    const raw = await encodeSessionToken({
      token: { sub: 'b', sv: 2, seen: 100 },
      secret: authSecrets(),
      salt: SESSION_COOKIE,
      maxAge: 600,
    });
    const subtle = vi.spyOn(crypto.subtle, 'decrypt');
    const read = await readSessionToken(raw);
    expect(subtle).not.toHaveBeenCalled();
    subtle.mockRestore();
    const sealed = await decode({ token: raw, secret: authSecrets(), salt: SESSION_COOKIE });
    expect(read).toMatchObject({ sub: 'b', sv: 2, seen: 100 });
    expect(read).toMatchObject({ sub: sealed?.sub, sv: sealed?.sv, seen: sealed?.seen });
    // Never later than the sealed expiry (a second earlier at most).
    expect(sealed!.exp! - read!.exp!).toBeGreaterThanOrEqual(0);
    expect(sealed!.exp! - read!.exp!).toBeLessThanOrEqual(1);
  });

  it('SES-03: a token re-issued with Auth.js’s "now + 12 h" still ends at sign-in + 12 h', async () => {
    const now = Math.floor(Date.now() / 1000);
    const authTime = now - 11 * 60 * 60;
    const raw = await encodeSessionToken({
      token: { sub: 'c', sv: 1, authTime, seen: now },
      secret: authSecrets(),
      salt: SESSION_COOKIE,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    const end = authTime + SESSION_MAX_AGE_SECONDS;
    const sealed = await decode({ token: raw, secret: authSecrets(), salt: SESSION_COOKIE });
    expect(sealed!.exp).toBeLessThanOrEqual(end);
    expect(sealed!.exp).toBeGreaterThanOrEqual(end - 1);
    expect((await readSessionToken(raw))!.exp).toBeLessThanOrEqual(end);
  });

  it(`holds at most ${SESSION_TOKEN_CACHE_SIZE} sessions`, async () => {
    const secret = authSecrets();
    for (let i = 0; i < SESSION_TOKEN_CACHE_SIZE + 20; i++) {
      await readSessionToken(await mint({ sub: `u${i}` }, 3600, secret));
    }
    expect(sessionTokenCacheSize()).toBe(SESSION_TOKEN_CACHE_SIZE);
  });
});
