import { useSecureCookies } from '@/lib/auth/session-cookie';

/**
 * The staff session cookie: its own name, never the residents' (STF-02). `__Host-` in
 * production (Secure, Path=/, no Domain), httpOnly, SameSite=Strict: a staff page is never
 * opened signed-in from a link on another site. It lives at most the 8 hours of a session; the
 * row in staff_sessions decides (idle, ended, disabled).
 */
export const STAFF_COOKIE = useSecureCookies ? '__Host-monso.staff' : 'monso.staff';

export const STAFF_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: 'strict',
  secure: useSecureCookies,
  path: '/',
  maxAge: 8 * 60 * 60,
} as const;
