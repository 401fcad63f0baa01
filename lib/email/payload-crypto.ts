import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Outbox payloads hold one-time links (activation, reset): the database never holds them in
 * clear. AES-256-GCM with a key derived from AUTH_SECRET; `context` (the row's id and recipient)
 * is authenticated too, so a payload copied to another row or address no longer decrypts.
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>`, base64url parts.
 */
const VERSION = 'v1';
const INFO = 'monso email outbox';

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) {
    throw new Error('AUTH_SECRET is not set: it is needed to encrypt and decrypt outbox emails');
  }
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
}

/** Throws now, before any row is touched, when the key cannot be derived. */
export function assertPayloadKey(): void {
  key();
}

export function encryptPayload(value: unknown, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptPayload(payload: string, context: string): unknown {
  const [version, iv, ciphertext, tag, ...rest] = payload.split('.');
  if (version !== VERSION || !iv || ciphertext === undefined || !tag || rest.length > 0) {
    throw new Error('Outbox payload has an unknown format');
  }
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'), {
    authTagLength: 16, // refuse truncated tags
  });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // Node's message ("Unsupported state or unable to authenticate data") says nothing useful.
    throw new Error('Outbox payload cannot be decrypted: AUTH_SECRET changed or data altered');
  }
  return JSON.parse(plaintext) as unknown;
}
