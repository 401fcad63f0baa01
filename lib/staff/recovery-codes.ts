import { randomInt } from 'node:crypto';
import { sha256Hex } from '@/lib/security/tokens';

/**
 * Recovery codes (STF-01): 10 per enrolment, each 16 characters of Crockford base32 (80 bits, so
 * a plain SHA-256 is enough to store them, as for link tokens), shown once as XXXX-XXXX-XXXX-XXXX,
 * accepted in any case, with or without dashes or spaces, and each used once in place of a code.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

/** The canonical form (uppercase, no separators, I/L → 1, O → 0), or null if it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (raw.length !== LENGTH || ![...raw].every((c) => ALPHABET.includes(c))) return null;
  return raw;
}

export function hashRecoveryCode(normalized: string): string {
  return sha256Hex(`staff-recovery:${normalized}`);
}
