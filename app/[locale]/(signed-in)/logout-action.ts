'use server';

import { endSessions } from '@/lib/accounts/end-sessions';
import { signOut } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { buttonAction, type ActionContext } from '@/lib/forms/form-action';
import { logSecurityEvent } from '@/lib/security/events';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * "Déconnexion" is a POST (SES-04). It revokes the session in the database first, so a copy of
 * the cookie replayed later is refused, then clears the cookie. The idle warning posts it with
 * `reason=timeout` when time runs out, which opens the "you were signed out" notice (SES-02).
 * From another site it only clears the cookie.
 */
const signOutTo = ({ locale }: ActionContext, form?: FormData) =>
  signOut({
    redirectTo: `${localizedPath('/login', locale)}?notice=${form?.get('reason') === 'timeout' ? 'timedOut' : 'signedOut'}`,
  }) as Promise<never>;

export const logoutAction = buttonAction({ refused: signOutTo }, async (ctx, form) => {
  const user = await getCurrentUser();
  if (user) {
    const db = await getDb();
    await endSessions(db, user.id);
    await logSecurityEvent(db, { type: 'logout', userId: user.id, ip: ctx.ip });
  }
  await signOutTo(ctx, form);
});
