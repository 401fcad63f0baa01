import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { internalPath, localizedPath, type Locale } from '@/lib/i18n/routing';
import { getRegistrationState } from './registration-state';
import { PAGE_NEEDS, STEP_PATH, hasReached } from './steps';

/**
 * Where someone who just signed in should land: "Changer le mot de passe" when operators flagged
 * the password (PWD-09); otherwise the page they were going to, unless it is a Building Code
 * Services page their registration has not reached yet — then the step due.
 * (Decided here because a redirect thrown while rendering the target of a server action's
 * redirect does not update the browser's address.)
 */
export async function landingPath(target: string, email: string, locale: Locale): Promise<string> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordChangeRequired: users.passwordChangeRequired })
    .from(users)
    .where(eq(users.email, email));
  if (!user) return target;
  if (user.passwordChangeRequired) return localizedPath('/settings/password', locale);
  const route = internalPath(target.split('?')[0] ?? target);
  const needs = route ? PAGE_NEEDS[route.pathname] : undefined;
  if (!route || !needs) return target;
  const state = await getRegistrationState(db, user.id);
  return hasReached(state, needs) ? target : localizedPath(STEP_PATH[state], locale);
}
