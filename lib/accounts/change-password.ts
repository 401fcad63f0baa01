import { eq, sql } from 'drizzle-orm';
import { emailChangeTokens, passwordResetTokens, users } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import { localizedPath } from '@/lib/i18n/navigation';
import { logSecurityEvent } from '@/lib/security/events';
import { clearLoginFailures } from '@/lib/security/login-throttle';
import { hashPassword } from '@/lib/security/password-hash';
import { hashIdentifier } from '@/lib/security/tokens';
import type { AccountDeps } from './deps';
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
  deps: AccountDeps,
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
    await retireOneTimeLinks(tx, passwordResetTokens, input.userId, now);
    await retireOneTimeLinks(tx, emailChangeTokens, input.userId, now);
    await enqueueEmail(
      tx,
      {
        to: reauth.email,
        template: 'password-changed',
        locale: reauth.locale,
        props: {
          loginUrl: deps.appUrl + localizedPath('/login', reauth.locale),
          forgotPasswordUrl: deps.appUrl + localizedPath('/forgot-password', reauth.locale),
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
  await clearLoginFailures(deps.db, hashIdentifier(reauth.email, 'login'));
  return 'changed';
}
