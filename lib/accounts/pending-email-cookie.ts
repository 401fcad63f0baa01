import 'server-only';
import { cookies } from 'next/headers';
import { useSecureCookies } from '@/lib/auth/config';
import { ONE_TIME_LINK_LIFETIME_MS } from './one-time-link';

/**
 * The "check your email" pages show the address the person just typed. It travels in an
 * HttpOnly cookie of their own browser, never in the URL (PRIV-04): one for the activation link,
 * one for the password-reset link, each living as long as its link.
 */
const OPTIONS = { httpOnly: true, secure: useSecureCookies, sameSite: 'lax', path: '/' } as const;

function emailCookie(name: string, lifetimeMs: number) {
  const cookieName = useSecureCookies ? `__Host-${name}` : name;
  return {
    async remember(email: string): Promise<void> {
      (await cookies()).set(cookieName, email, { ...OPTIONS, maxAge: lifetimeMs / 1000 });
    },
    /** Deleted with the attributes it was set with, as `__Host-` cookies require. */
    async forget(): Promise<void> {
      const jar = await cookies();
      if (jar.get(cookieName)) jar.set(cookieName, '', { ...OPTIONS, maxAge: 0 });
    },
    async read(): Promise<string | null> {
      const value = (await cookies()).get(cookieName)?.value;
      return value && value.length <= 254 ? value : null;
    },
  };
}

const activation = emailCookie('monso.pending-email', ONE_TIME_LINK_LIFETIME_MS.activation);
const reset = emailCookie('monso.reset-email', ONE_TIME_LINK_LIFETIME_MS.password_reset);

export const rememberPendingEmail = activation.remember;
export const pendingEmail = activation.read;
export const rememberResetEmail = reset.remember;
export const resetEmail = reset.read;

/**
 * The addresses leave the browser once they are no longer pending, or no longer this person's:
 * on activation, on sign-out and on any sign-in (PRIV-04: the next person at a shared computer
 * would see them).
 */
export async function forgetPendingEmail(): Promise<void> {
  await activation.forget();
  await reset.forget();
}
