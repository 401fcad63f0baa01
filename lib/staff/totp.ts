import { Secret, TOTP } from 'otpauth';
import { decryptPayload, encryptPayload } from '@/lib/email/payload-crypto';

/**
 * The second factor (STF-01): TOTP as RFC 6238 says — SHA-1, 6 digits, 30-second steps — through
 * `otpauth`, accepting the step before and after the current one (clock drift). Which step a code
 * matched is returned so the caller can refuse it the second time (`totp_last_step`).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
const ISSUER = 'Ville d’Ottawa – Personnel';

/** A new 160-bit secret (RFC 4226's recommended length), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'staff'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://` URI the QR code carries. */
export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The code of `now`'s step: for tests and the e2e spec. */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/** What a person typed, as a code: digits only, spaces allowed ("123 456"). */
export function normalizeTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step the code belongs to (within ±1 of `now`'s), or null when it matches none.
 * Callers must still refuse a step at or before the last one accepted (single use).
 */
export function matchTotpStep(secretBase32: string, code: string, now: Date): number | null {
  const normalized = normalizeTotpCode(code);
  if (!normalized) return null;
  const delta = totp(secretBase32).validate({
    token: normalized,
    timestamp: now.getTime(),
    window: TOTP_WINDOW,
  });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/**
 * The secret as stored: AES-256-GCM under a key derived from AUTH_SECRET, bound to the member's
 * id, so a database dump alone gives no second factor. (Rotating AUTH_SECRET therefore means
 * re-enrolling staff: `npm run staff -- reenrol`.)
 */
export function sealTotpSecret(secretBase32: string, staffId: string): string {
  return encryptPayload(secretBase32, `staff-totp:${staffId}`);
}

export function openTotpSecret(sealed: string, staffId: string): string | null {
  try {
    const value = decryptPayload(sealed, `staff-totp:${staffId}`);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
