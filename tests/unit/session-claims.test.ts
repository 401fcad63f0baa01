import { decode, encode, type JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { authConfig, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';
import { authSecrets } from '@/lib/security/secrets';

/**
 * PRIV-04 (white-box): the session cookie, decrypted, holds identifiers and times only. The token
 * is built by the jwt callback exactly as at sign-in, then encrypted and decrypted with
 * next-auth/jwt as the cookie is.
 */
const USER_ID = '0b9f7c3e-4a51-4d8e-9a7b-2f6c1d3e5a90';
// The phone whole: a bare "613" also turns up, by chance, in the token's random id (jti) and
// times, which made this test fail about once in a hundred runs.
const PII = [
  'jean.tremblay@example.ca',
  'Jean',
  'Tremblay',
  '110, avenue Laurier Ouest',
  '613-580-2424',
];
const ALLOWED = ['sub', 'sv', 'authTime', 'seen', 'iat', 'exp', 'jti'];

async function roundTrip(token: JWT): Promise<Record<string, unknown>> {
  const secret = authSecrets()[0]!;
  const cookie = await encode({
    token,
    secret,
    salt: SESSION_COOKIE,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  // The cookie is encrypted (JWE): nothing of it can be read without the secret.
  for (const value of [USER_ID, ...PII]) expect(cookie).not.toContain(value);
  const payload = await decode({ token: cookie, secret, salt: SESSION_COOKIE });
  expect(payload).not.toBeNull();
  return payload as Record<string, unknown>;
}

const jwt = authConfig.callbacks.jwt as unknown as (params: {
  token: JWT;
  user?: unknown;
  trigger?: 'signIn' | 'update';
  session?: unknown;
}) => JWT | Promise<JWT>;

describe('PRIV-04: the session token', () => {
  it('PRIV-04: holds exactly sub, sv, authTime, seen, iat, exp and jti at sign-in (no registration step)', async () => {
    const token = await jwt({
      token: {},
      user: { id: USER_ID, sessionVersion: 3, registration: 'registered' } as unknown,
    });
    const payload = await roundTrip(token);
    expect(Object.keys(payload).sort()).toEqual([...ALLOWED].sort());
    expect(payload).toMatchObject({ sub: USER_ID, sv: 3 });
    expect(payload).not.toHaveProperty('reg');
    for (const time of ['authTime', 'seen', 'iat', 'exp'] as const) {
      expect(Number.isInteger(payload[time])).toBe(true);
    }
    expect(payload.exp).toBe((payload.iat as number) + SESSION_MAX_AGE_SECONDS);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('PRIV-04: drops the email, name, picture and address a user object may carry', async () => {
    const token = await jwt({
      token: { email: PII[0], name: `${PII[1]} ${PII[2]}`, picture: 'https://x.example/p.png' },
      user: {
        id: USER_ID,
        sessionVersion: 1,
        registration: 'needs_consent',
        email: PII[0],
        name: `${PII[1]} ${PII[2]}`,
        image: 'https://x.example/p.png',
        address: PII[3],
        phone: PII[4],
      },
    });
    const payload = await roundTrip(token);
    // Besides the identifiers and times, only the PWD-09 flag may ever appear (a boolean).
    expect(Object.keys(payload).filter((k) => !ALLOWED.includes(k) && k !== 'pwc')).toEqual([]);
    const text = JSON.stringify(payload);
    for (const value of PII) expect(text).not.toContain(value);
    expect(text).not.toContain('x.example');
  });

  it('PRIV-04: an update keeps the same claims and copies nothing the client sends into the token', async () => {
    const signedIn = await jwt({
      token: {},
      user: { id: USER_ID, sessionVersion: 2 },
    });
    // What a client can send with POST /api/auth/session (Auth.js passes it as `session`).
    const updated = await jwt({
      token: signedIn,
      trigger: 'update',
      session: { email: PII[0], name: PII[1], reg: 'registered', sv: 99, role: 'admin' },
    });
    const payload = await roundTrip(updated);
    expect(Object.keys(payload).sort()).toEqual([...ALLOWED].sort());
    expect(payload).toMatchObject({
      sub: USER_ID,
      sv: 2,
      authTime: signedIn.authTime,
    });
    expect(JSON.stringify(payload)).not.toContain(PII[0]);
  });
});
