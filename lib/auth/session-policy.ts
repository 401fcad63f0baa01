import type { JWT } from 'next-auth/jwt';
import { authSecrets } from '@/lib/security/secrets';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, useSecureCookies } from './config';
import { encodeSessionToken } from './session-token';

/**
 * Session lifetime (SES-02, SES-03), shared by middleware, the data-access layer and the
 * keep-alive route. Times are seconds since the epoch, as in the JWT.
 *
 * - Absolute: 12 h from authentication (`authTime`), whatever the activity.
 * - Idle: 30 min since the last request that counted as activity (`seen`). Middleware moves
 *   `seen` forward on signed-in page loads (at most once a minute, to keep the cookie quiet), and
 *   "Rester connecté" does through POST /api/session/keepalive.
 *
 * SESSION_IDLE_TIMEOUT_SECONDS may shorten the idle timeout (never lengthen it past 30 min).
 */
const DEFAULT_IDLE_SECONDS = 30 * 60;

function configuredIdleSeconds(): number {
  const raw = Number(process.env.SESSION_IDLE_TIMEOUT_SECONDS);
  return Number.isInteger(raw) && raw >= 10 && raw <= DEFAULT_IDLE_SECONDS
    ? raw
    : DEFAULT_IDLE_SECONDS;
}

export const IDLE_TIMEOUT_SECONDS = configuredIdleSeconds();
/** The warning shows this long before the idle timeout: 2 minutes (WCAG 2.2.1 "at least 20 s"). */
export const IDLE_WARNING_SECONDS = Math.min(120, Math.floor(IDLE_TIMEOUT_SECONDS / 2));
const ACTIVITY_REFRESH_SECONDS = Math.min(60, Math.floor(IDLE_TIMEOUT_SECONDS / 10));

export type SessionAge = 'fresh' | 'idle' | 'expired';

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Whether a session token may still be used at `now`: 'expired' (12 h) wins over 'idle'. */
export function sessionAge(token: Pick<JWT, 'authTime' | 'seen'>, now: number): SessionAge {
  const authTime = token.authTime ?? 0;
  if (now - authTime >= SESSION_MAX_AGE_SECONDS) return 'expired';
  const seen = token.seen ?? authTime;
  if (now - seen >= IDLE_TIMEOUT_SECONDS) return 'idle';
  return 'fresh';
}

/** True when a fresh token's `seen` is old enough to be worth re-issuing the cookie. */
export function shouldRecordActivity(token: Pick<JWT, 'authTime' | 'seen'>, now: number): boolean {
  return now - (token.seen ?? token.authTime ?? 0) >= ACTIVITY_REFRESH_SECONDS;
}

/**
 * The session cookie re-issued with `seen = now`: same claims, same absolute end (the cookie's
 * Expires stays authTime + 12 h, SES-03).
 */
export async function sessionCookieWithActivity(token: JWT, now: number) {
  const end = (token.authTime ?? now) + SESSION_MAX_AGE_SECONDS;
  const value = await encodeSessionToken({
    token: { ...token, seen: now },
    secret: authSecrets(),
    salt: SESSION_COOKIE,
    maxAge: Math.max(end - now, 0),
  });
  return {
    name: SESSION_COOKIE,
    value,
    options: {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: useSecureCookies,
      expires: new Date(end * 1000),
    },
  };
}
