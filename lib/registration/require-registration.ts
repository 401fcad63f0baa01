import 'server-only';
import { redirect } from 'next/navigation';
import { requireUser, type CurrentUser, type SessionRegistration } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { localizedPath } from '@/lib/i18n/navigation';
import { type Locale } from '@/lib/i18n/routing';
import { getRegistrationState, registrationStateOf } from './registration-state';
import { STEP_PATH, type RegistrationState } from './steps';

/**
 * The gate of the Building Code Services area (AUTHZ-01, AUTHZ-02), and the only place that
 * decides it: the signed-in person and their registration state, read from the database
 * (in the session's own statement). Anyone
 * whose state this page or action does not serve goes to the page of their state, whether
 * behind (a step still to do) or ahead (finished on another device).
 */
export async function requireRegistrationState(
  locale: Locale,
  allowed: readonly RegistrationState[],
): Promise<{
  user: CurrentUser;
  state: RegistrationState;
  registration: SessionRegistration | null;
}> {
  // The registration comes with the session, read in its statement.
  const user = await requireUser(locale);
  const registration = user.registration;
  const state = registrationStateOf(registration ?? undefined);
  if (!allowed.includes(state)) redirect(localizedPath(STEP_PATH[state], locale));
  return { user, state, registration };
}

/** After a domain function found the person at another step than expected: to that step. */
export async function redirectToStepDue(userId: string, locale: Locale): Promise<never> {
  const state = await getRegistrationState(await getDb(), userId);
  redirect(localizedPath(STEP_PATH[state], locale));
}
