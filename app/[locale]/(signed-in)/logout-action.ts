'use server';

import { endSessions } from '@/lib/accounts/end-sessions';
import { signOut } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { actionContext } from '@/lib/forms/action-context';
import { logSecurityEvent } from '@/lib/security/events';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * "Déconnexion" is a POST (SES-04). It revokes the session in the database first, so a copy of
 * the cookie replayed later is refused, then clears the cookie. The idle warning posts it with
 * `reason=timeout` when time runs out, which opens the "you were signed out" notice (SES-02).
 */
export async function logoutAction(formData?: FormData): Promise<void> {
  const timedOut = formData?.get('reason') === 'timeout';
  const ctx = await actionContext();
  const user = ctx.sameOrigin ? await getCurrentUser() : null;
  if (user) {
    const db = await getDb();
    await endSessions(db, user.id);
    await logSecurityEvent(db, { type: 'logout', userId: user.id, ip: ctx.ip });
  }
  const notice = timedOut ? 'timedOut' : 'signedOut';
  await signOut({ redirectTo: `${localizedPath('/login', ctx.locale)}?notice=${notice}` });
}
