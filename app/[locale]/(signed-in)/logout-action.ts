'use server';

import { signOut } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { buttonAction, type ActionContext } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * "Déconnexion" is a POST (SES-04). Auth.js's sign-out revokes the session in the database
 * (lib/auth/events.ts), so a copy of the cookie replayed later is refused, then clears the
 * cookie. The idle warning posts it with `reason=timeout` when time runs out, which opens the
 * "you were signed out" notice (SES-02), and the page it was on, to come back to after signing in
 * again. From another site it signs out the same way (a cross-site POST carries no SameSite=Lax
 * session cookie, so there is nothing to revoke).
 */
const signOutTo = ({ locale }: ActionContext, form?: FormData) =>
  signOut({
    redirectTo: `${localizedPath('/login', locale)}?${afterSignOut(form)}`,
  }) as Promise<never>;

/** The login page's notice and, after a timeout, the page to come back to: a path of ours (LOG-08). */
function afterSignOut(form?: FormData): string {
  if (form?.get('reason') !== 'timeout') return 'notice=signedOut';
  const back = safeCallbackPath(form.get('callbackUrl'));
  return `notice=timedOut${back ? `&callbackUrl=${encodeURIComponent(back)}` : ''}`;
}

export const logoutAction = buttonAction({ refused: signOutTo }, signOutTo);
