import 'server-only';
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/config';
import { readSessionToken } from '@/lib/auth/session-token';
import { type Locale } from '@/lib/i18n/routing';
import { internalPath, localizedPath } from '@/lib/i18n/navigation';
import { PAGE_NEEDS, STEP_PATH, hasReached, isRegistrationState } from './steps';

/**
 * Where someone who just signed in should land: "Changer le mot de passe" when operators flagged
 * the password (PWD-09); otherwise the page they were going to, unless it is a Building Code
 * Services page their registration has not reached yet — then the step due.
 * (Decided here because a redirect thrown while rendering the target of a server action's
 * redirect does not update the browser's address.)
 *
 * Read from the session cookie the sign-in has just set in this action: sign-in read the flag
 * and the registration state from the database a moment ago, in the statement that found the
 * account, so no further query is needed. The target page checks both against the database again.
 */
export async function landingPath(target: string, locale: Locale): Promise<string> {
  const token = await readSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!token?.sub) return target;
  if (token.pwc) return localizedPath('/settings/password', locale);
  const route = internalPath(target.split('?')[0] ?? target);
  const needs = route ? PAGE_NEEDS[route.pathname] : undefined;
  if (!route || !needs) return target;
  const state = isRegistrationState(token.reg) ? token.reg : 'needs_consent';
  return hasReached(state, needs) ? target : localizedPath(STEP_PATH[state], locale);
}
