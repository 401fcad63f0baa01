import 'server-only';
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/config';
import { readSessionToken } from '@/lib/auth/session-token';
import { getDb } from '@/lib/db/client';
import type { Db } from '@/lib/db/types';
import { internalPath, localizedPath } from '@/lib/i18n/navigation';
import { type Locale } from '@/lib/i18n/routing';
import { getRegistrationState } from './registration-state';
import { PAGE_NEEDS, STEP_PATH, hasReached } from './steps';

/**
 * Where someone who just signed in should land: "Changer le mot de passe" when operators flagged
 * the password (PWD-09); otherwise the page they were going to, unless it is a Building Code
 * Services page their registration has not reached yet — then the step due, read from the
 * database (one statement, only for those pages). Decided here because a redirect thrown while
 * rendering the target of a server action's redirect does not update the browser's address.
 */
export async function landingPath(target: string, locale: Locale): Promise<string> {
  // The cookie the sign-in has just set in this action (its claims are kept: nothing decrypted).
  const token = await readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!token?.sub) return target;
  if (token.pwc) return localizedPath('/settings/password', locale);
  return registrationLanding(await getDb(), token.sub, target, locale);
}

/** The target, or the registration step due when the target is a page the person cannot open yet. */
export async function registrationLanding(
  db: Db,
  userId: string,
  target: string,
  locale: Locale,
): Promise<string> {
  const route = internalPath(target.split('?')[0] ?? target);
  const needs = route ? PAGE_NEEDS[route.pathname] : undefined;
  if (!needs) return target;
  const state = await getRegistrationState(db, userId);
  return hasReached(state, needs) ? target : localizedPath(STEP_PATH[state], locale);
}
