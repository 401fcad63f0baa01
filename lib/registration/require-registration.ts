import 'server-only';
import { redirect } from 'next/navigation';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { type Locale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';
import { loadRegistration, type LoadedRegistration } from './load-registration';
import { registrationStateOf } from './registration-state';
import { STEP_PATH, hasReached, type RegistrationState } from './steps';

/**
 * The real gate of the Building Code Services area (AUTHZ-01, AUTHZ-02): the signed-in person
 * and their registration state, read from the database. Anyone not yet at this page's step goes
 * to the step due; anyone past it goes through /api/registration/continue, which refreshes the
 * session token from the database first (so middleware's token-based guess agrees, no loop).
 */
export async function requireRegistrationState(
  locale: Locale,
  allowed: readonly RegistrationState[],
): Promise<{
  user: CurrentUser;
  state: RegistrationState;
  registration: LoadedRegistration | null;
}> {
  const user = await requireUser(locale);
  const registration = await loadRegistration(user.id);
  const state = registrationStateOf(registration ?? undefined);
  if (!allowed.includes(state)) {
    // Behind: straight to the step due (middleware's token can only be behind too, or equal).
    if (!allowed.some((page) => hasReached(state, page)))
      redirect(localizedPath(STEP_PATH[state], locale));
    // Ahead (finished on another device): refresh the token first, or middleware would loop back.
    redirect(`/api/registration/continue?locale=${locale}`);
  }
  return { user, state, registration };
}
