import 'server-only';
import { cookies } from 'next/headers';
import { useSecureCookies } from '@/lib/auth/config';
import { ONE_TIME_LINK_LIFETIME_MS } from './one-time-link';

/**
 * The "check your email" page shows the address the person just typed. It travels in an
 * HttpOnly cookie of their own browser, never in the URL (PRIV-04).
 */
const NAME = useSecureCookies ? '__Host-monso.pending-email' : 'monso.pending-email';

const OPTIONS = { httpOnly: true, secure: useSecureCookies, sameSite: 'lax', path: '/' } as const;

export async function rememberPendingEmail(email: string): Promise<void> {
  (await cookies()).set(NAME, email, {
    ...OPTIONS,
    maxAge: ONE_TIME_LINK_LIFETIME_MS.activation / 1000,
  });
}

/**
 * The address leaves the browser once it is no longer pending, or no longer this person's: on
 * activation, on sign-out and on any sign-in (PRIV-04: the next person at a shared computer
 * would see it). Deleted with the attributes it was set with, as `__Host-` cookies require.
 */
export async function forgetPendingEmail(): Promise<void> {
  const jar = await cookies();
  if (jar.get(NAME)) jar.set(NAME, '', { ...OPTIONS, maxAge: 0 });
}

export async function pendingEmail(): Promise<string | null> {
  const value = (await cookies()).get(NAME)?.value;
  return value && value.length <= 254 ? value : null;
}
