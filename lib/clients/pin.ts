import { createHmac, randomBytes } from 'node:crypto';

/**
 * Client PINs: 8 characters of Crockford base32 (40 bits), shown `XXXX-XXXX`, typed in any case,
 * with or without spaces and dashes; O is read as 0 and I/L as 1, as Crockford intends.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PIN_LENGTH = 8;

export function generatePin(): string {
  const bytes = randomBytes(5); // 40 bits → 8 × 5 bits
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = PIN_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

export function formatPin(pin: string): string {
  return `${pin.slice(0, 4)}-${pin.slice(4)}`;
}

export type PinFormatError = 'required' | 'length' | 'characters';

/** The canonical 8 characters, or why what was typed cannot be a PIN. */
export function normalizePin(raw: string): { pin: string } | { error: PinFormatError } {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!compact) return { error: 'required' };
  if (compact.length !== PIN_LENGTH) return { error: 'length' };
  if (![...compact].every((c) => ALPHABET.includes(c))) return { error: 'characters' };
  return { pin: compact };
}

/** Keyed HMAC-SHA256 with the pepper kept outside the database (PIN-04). */
export function hashPin(pin: string, pepper = pinPepper()): string {
  return createHmac('sha256', pepper).update(`client-pin:${pin}`).digest('hex');
}

export function pinPepper(env: NodeJS.ProcessEnv = process.env): string {
  const pepper = env.PIN_PEPPER;
  if (!pepper || pepper.length < 32) {
    throw new Error('PIN_PEPPER must be set to at least 32 random characters');
  }
  return pepper;
}
