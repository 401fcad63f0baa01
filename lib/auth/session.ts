import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { redirect, internalPath } from '@/lib/i18n/navigation';
import { type Locale } from '@/lib/i18n/routing';
import { SESSION_COOKIE } from './config';
import { nowSeconds, sessionAge } from './session-policy';
import { readSessionToken } from './session-token';

export interface CurrentUser {
  id: string;
  email: string;
  locale: Locale;
  /** PWD-09: nothing but "Changer le mot de passe" opens until this is cleared. */
  passwordChangeRequired: boolean;
}

/**
 * The signed-in person, read from the database on every request (one query): a JWT whose
 * session version no longer matches (signed out, password changed) or whose account is not
 * active gives null. Middleware only guesses; this is the authority.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  const id = token?.sub;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  // Idle for 30 minutes (SES-02) or 12 hours since sign-in (SES-03): over, whatever the cookie says.
  if (sessionAge(token, nowSeconds()) !== 'fresh') return null;
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      status: users.status,
      sessionVersion: users.sessionVersion,
      passwordChangeRequired: users.passwordChangeRequired,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.status !== 'active' || user.sessionVersion !== token.sv) {
    return null;
  }
  return {
    id: user.id,
    email: user.email,
    locale: user.locale,
    passwordChangeRequired: user.passwordChangeRequired,
  };
});

/**
 * For signed-in pages and actions: the person, or a redirect to the login page (back here after).
 * A person whose password must be changed (PWD-09) is sent to "Changer le mot de passe" from
 * every other page and action.
 */
export async function requireUser(locale: Locale): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const returnTo = (await headers()).get('x-monso-path');
  if (user) {
    if (
      user.passwordChangeRequired &&
      internalPath(returnTo?.split('?')[0] ?? '')?.pathname !== '/settings/password'
    ) {
      return redirect({ href: '/settings/password', locale });
    }
    return user;
  }
  return redirect({
    href: { pathname: '/login', query: returnTo ? { callbackUrl: returnTo } : {} },
    locale,
  });
}
