import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { authSecrets } from './secrets';

/**
 * A one-time secret for links (activation, reset): 32 bytes from the CSPRNG (256 bits, ACT-01),
 * base64url without padding — 43 URL-safe characters. Store only `hashToken(token)`.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a UTF-8 string. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * What the database stores for a token: its SHA-256 in hex. A plain hash is enough because the
 * token is 256 random bits (nothing to brute-force), and it lets us look the token up by index.
 */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** Used only outside production when AUTH_SECRET is unset (unit tests, local scripts). */
const FALLBACK_SECRET = 'monso-non-production-identifier-key';

let cachedKey: { secret: string; key: Buffer } | undefined;

function identifierKey(): Buffer {
  const secret = authSecrets()[0];
  if (!secret && process.env.NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET is missing: cannot hash identifiers.');
  }
  const material = secret ?? FALLBACK_SECRET;
  if (cachedKey?.secret !== material) {
    // A key of its own (HKDF with a distinct label), so this HMAC never shares a key with Auth.js.
    const key = Buffer.from(hkdfSync('sha256', material, '', 'monso:identifier-hash:v1', 32));
    cachedKey = { secret: material, key };
  }
  return cachedKey.key;
}

/**
 * A keyed, deterministic pseudonym for an email address or IP address, for throttle keys and
 * logs, so neither ever holds the raw value (LOGG-01). `purpose` separates namespaces: the same
 * value hashed for 'ip' and for 'login:email' gives unrelated results.
 *
 * HMAC-SHA256 with a key derived from the current (first) AUTH_SECRET: rotating the secret starts
 * fresh throttle counters and breaks correlation with older log lines, which is acceptable.
 */
export function hashIdentifier(value: string, purpose: string): string {
  return createHmac('sha256', identifierKey())
    .update(purpose, 'utf8')
    .update('\0')
    .update(value, 'utf8')
    .digest('hex');
}

/**
 * Constant-time string comparison. Both sides are hashed first, so the comparison takes the same
 * time whatever the lengths and leaks neither the position of the first difference nor the length.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
