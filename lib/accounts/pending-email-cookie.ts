import 'server-only';
import { cookies } from 'next/headers';
import { useSecureCookies } from '@/lib/auth/config';
import { ONE_TIME_LINK_LIFETIME_MS } from './one-time-link';

/**
 * The "check your email" page shows the address the person just typed. It travels in an
 * HttpOnly cookie of their own browser, never in the URL (PRIV-04).
 */
const NAME = useSecureCookies ? '__Host-monso.pending-email' : 'monso.pending-email';

export async function rememberPendingEmail(email: string): Promise<void> {
  (await cookies()).set(NAME, email, {
    httpOnly: true,
    secure: useSecureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: ONE_TIME_LINK_LIFETIME_MS.activation / 1000,
  });
}

export async function pendingEmail(): Promise<string | null> {
  const value = (await cookies()).get(NAME)?.value;
  return value && value.length <= 254 ? value : null;
}
