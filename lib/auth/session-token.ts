import { decode, encode, type JWT, type JWTEncodeParams } from 'next-auth/jwt';
import { authSecrets } from '@/lib/security/secrets';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from './session-cookie';

/** Auth.js's allowance for clock skew when it checks `exp`; the cache applies the same. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** Sessions whose decrypted claims are kept (≈ 0.5 kB each); the oldest entry goes first. */
export const SESSION_TOKEN_CACHE_SIZE = 1000;

interface CachedClaims {
  claims: JWT;
  /** The AUTH_SECRET values that decrypted it: a rotation (or a test) starts afresh. */
  secrets: string;
}

/**
 * Decrypted claims by exact cookie value. Decrypting costs ≈ 0.6 ms of CPU (key derivation,
 * AES-CBC, HMAC through WebCrypto), and one page load reads the same cookie twice (middleware,
 * then the page) and again on every later request (bench/RESULTS.md). A hit needs the exact
 * string that decrypted before — authenticated encryption, so the claims are those same claims —
 * and `exp` is checked again on every hit. Revocation never relied on the token: the data-access
 * layer compares the session version with the database on every request.
 */
const cache = new Map<string, CachedClaims>();

function expired(claims: JWT, nowSeconds: number): boolean {
  return typeof claims.exp === 'number' && claims.exp + CLOCK_TOLERANCE_SECONDS < nowSeconds;
}

/**
 * The session JWT from its cookie value: decrypted and checked for expiry, nothing more (the
 * caller decides what it may trust), for middleware and the data-access layer alike.
 *
 * Read directly rather than through Auth.js's `auth()`, which also re-issues the cookie whenever
 * it can — during the sign-out action's own response too, putting back the cookie that sign-out
 * had just deleted.
 */
export async function readSessionToken(raw: string | undefined): Promise<JWT | null> {
  if (!raw) return null;
  const secret = authSecrets();
  const secrets = secret.join(',');
  const now = Math.floor(Date.now() / 1000);
  const hit = cache.get(raw);
  if (hit && hit.secrets === secrets) {
    if (!expired(hit.claims, now)) return { ...hit.claims };
    cache.delete(raw);
    return null;
  }
  let claims: JWT | null;
  try {
    claims = await decode({ token: raw, secret, salt: SESSION_COOKIE });
  } catch {
    return null;
  }
  if (!claims) return null;
  remember(raw, { claims: { ...claims }, secrets });
  return claims;
}

/** Auth.js's lifetime for a token when `encode` is given none (30 days). */
const AUTH_JS_DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

/**
 * Auth.js's `encode` (lib/auth/config.ts hands it to Auth.js as `jwt.encode`; the middleware's
 * activity refresh uses it too), with the claims it has just sealed remembered for that exact
 * value, so their first reads — the sign-in action's landing decision, the next page load —
 * decrypt nothing. `exp` comes from a clock read before sealing: a second early at most, never late.
 *
 * Whoever asks, a token never outlives its sign-in + 12 h (SES-03): Auth.js passes "now + 12 h"
 * as `maxAge` whenever it re-issues a token, and the cap brings it back to the absolute end.
 */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const authTime = params.token?.authTime;
  const maxAge = Math.min(
    params.maxAge ?? AUTH_JS_DEFAULT_MAX_AGE,
    typeof authTime === 'number'
      ? Math.max(authTime + SESSION_MAX_AGE_SECONDS - issuedAt, 0)
      : Infinity,
  );
  const raw = await encode({ ...params, maxAge });
  const exp = issuedAt + maxAge;
  remember(raw, {
    claims: { ...params.token, iat: issuedAt, exp },
    secrets: [params.secret].flat().join(','),
  });
  return raw;
}

function remember(raw: string, entry: CachedClaims): void {
  cache.delete(raw);
  cache.set(raw, entry);
  if (cache.size > SESSION_TOKEN_CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** For tests: how many sessions are held. */
export function sessionTokenCacheSize(): number {
  return cache.size;
}
