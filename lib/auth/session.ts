import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { JWT } from 'next-auth/jwt';
import { getDb } from '@/lib/db/client';
import { buildingRegistrations, clientRecords, users } from '@/lib/db/schema';
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
  /**
   * The Building Code Services registration with the linked client number, or null: read in the
   * same statement as the session, so that the registered area's gate costs no round trip more.
   */
  registration: SessionRegistration | null;
}

export type SessionRegistration = typeof buildingRegistrations.$inferSelect & {
  clientNumber: string | null;
};

/**
 * The signed-in person, read from the database on every request (one query): a JWT whose
 * session version no longer matches (signed out, password changed) or whose account is not
 * active gives null. Middleware only guesses; this is the authority.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> =>
  sessionUser(await readSessionToken((await cookies()).get(SESSION_COOKIE)?.value)),
);

/**
 * The person a decrypted session token stands for, or null when the data-access layer refuses
 * it: idle (SES-02), past 12 h since sign-in (SES-03), an older session version (SES-04) or an
 * account no longer active (SES-05). Also behind Auth.js's own routes (/api/auth/session and
 * sign-out), so that no path trusts a token this refuses.
 */
export async function sessionUser(token: JWT | null): Promise<CurrentUser | null> {
  const id = token?.sub;
  if (!token || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
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
      registration: buildingRegistrations,
      clientNumber: clientRecords.clientNumber,
    })
    .from(users)
    .leftJoin(buildingRegistrations, eq(buildingRegistrations.userId, users.id))
    .leftJoin(clientRecords, eq(clientRecords.linkedUserId, users.id))
    .where(eq(users.id, id));
  if (!user || user.status !== 'active' || user.sessionVersion !== token.sv) {
    return null;
  }
  return {
    id: user.id,
    email: user.email,
    locale: user.locale,
    passwordChangeRequired: user.passwordChangeRequired,
    registration: user.registration
      ? { ...user.registration, clientNumber: user.clientNumber }
      : null,
  };
}

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
