import 'server-only';
import type { NextAuthConfig } from 'next-auth';
import { headers } from 'next/headers';
import { endSessions } from '@/lib/accounts/end-sessions';
import { forgetPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/security/client-ip';
import { logSecurityEvent } from '@/lib/security/events';
import { sessionUser } from './session';

/**
 * What happens on every sign-in and sign-out Auth.js performs, whichever way it was reached: the
 * portal's server actions (signIn/signOut from lib/auth) and Auth.js's own routes
 * (POST /api/auth/callback/credentials, POST /api/auth/signout, after their CSRF check).
 */
export const authEvents = {
  async signIn() {
    await forgetPendingEmail();
  },
  /**
   * Sign-out revokes the session in the database (SES-04): a copy of the cookie replayed later no
   * longer matches the session version, so every session of the account ends (SES-06). Only a
   * session the data-access layer still accepts may do it: a stale cookie cannot sign the
   * person out elsewhere.
   */
  async signOut(message) {
    await forgetPendingEmail();
    const user = await sessionUser('token' in message ? message.token : null);
    if (!user) return;
    const db = await getDb();
    await endSessions(db, user.id);
    await logSecurityEvent(db, { type: 'logout', userId: user.id, ip: clientIp(await headers()) });
  },
} satisfies NextAuthConfig['events'];
