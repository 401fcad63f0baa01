'use server';

import { signOut } from '@/lib/auth';
import { buttonAction, type ActionContext } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * "Déconnexion" is a POST (SES-04). Auth.js's sign-out revokes the session in the database
 * (lib/auth/events.ts), so a copy of the cookie replayed later is refused, then clears the
 * cookie. The idle warning posts it with `reason=timeout` when time runs out, which opens the
 * "you were signed out" notice (SES-02). From another site it signs out the same way (a
 * cross-site POST carries no SameSite=Lax session cookie, so there is nothing to revoke).
 */
const signOutTo = ({ locale }: ActionContext, form?: FormData) =>
  signOut({
    redirectTo: `${localizedPath('/login', locale)}?notice=${form?.get('reason') === 'timeout' ? 'timedOut' : 'signedOut'}`,
  }) as Promise<never>;

export const logoutAction = buttonAction({ refused: signOutTo }, signOutTo);
