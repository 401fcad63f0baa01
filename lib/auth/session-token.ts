import { decode, type JWT } from 'next-auth/jwt';
import { authSecrets } from '@/lib/security/secrets';
import { SESSION_COOKIE } from './config';

/**
 * The session JWT from its cookie value: decrypted and checked for expiry, nothing more (the
 * caller decides what it may trust). Edge-safe, for middleware and the data-access layer alike.
 *
 * Read directly rather than through Auth.js's `auth()`, which also re-issues the cookie whenever
 * it can — during the sign-out action's own response too, putting back the cookie that sign-out
 * had just deleted.
 */
export async function readSessionToken(raw: string | undefined): Promise<JWT | null> {
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret: authSecrets(), salt: SESSION_COOKIE });
  } catch {
    return null;
  }
}
