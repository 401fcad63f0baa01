import { eq, sql } from 'drizzle-orm';
import { absoluteUrl } from '@/lib/config/app-url';
import { users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { logSecurityEvent } from '@/lib/security/events';
import { clearLoginFailures, loginThrottleKey } from '@/lib/security/login-throttle';
import { hashPassword } from '@/lib/security/password-hash';
import { retireOneTimeLinks } from './one-time-link';
import { verifyCurrentPassword } from './verify-current-password';

export type ChangePasswordResult = 'changed' | 'invalid_password' | 'rate_limited';

/**
 * "Mes paramètres" › change password: the current password first (SES-07), then, in one
 * transaction, the new hash, every session ended (SES-04: the caller signs this browser in again
 * with the new password), unused reset links retired (RST-02) and a notice email queued.
 * `newPassword` has already passed the password policy.
 */
export async function changePassword(
  deps: Deps,
  input: { userId: string; currentPassword: string; newPassword: string; ip: string },
): Promise<ChangePasswordResult> {
  const now = deps.now();
  const reauth = await verifyCurrentPassword(deps, {
    userId: input.userId,
    password: input.currentPassword,
    ip: input.ip,
    failureEvent: 'password_change_failed',
  });
  if (reauth.status === 'rate_limited') return 'rate_limited';
  if (reauth.status !== 'ok') return 'invalid_password';

  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        passwordChangeRequired: false,
      })
      .where(eq(users.id, input.userId));
    await retireOneTimeLinks(tx, ['password_reset', 'email_change'], input.userId, now);
    await enqueueEmail(
      tx,
      {
        to: reauth.email,
        template: 'password-changed',
        locale: reauth.locale,
        props: {
          loginUrl: absoluteUrl(deps.appUrl, '/login', reauth.locale),
          forgotPasswordUrl: absoluteUrl(deps.appUrl, '/forgot-password', reauth.locale),
        },
      },
      { now: () => now },
    );
    await logSecurityEvent(tx, {
      type: 'password_changed',
      userId: input.userId,
      ip: input.ip,
      now,
    });
  });
  await clearLoginFailures(deps.db, loginThrottleKey(reauth.email));
  return 'changed';
}
