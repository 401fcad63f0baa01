import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { emailChangeTokens, users } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import { localizedPath } from '@/lib/i18n/navigation';
import { logSecurityEvent } from '@/lib/security/events';
import { recordLoginSuccess } from '@/lib/security/login-throttle';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { hashIdentifier, hashToken, newToken } from '@/lib/security/tokens';
import type { AccountDeps } from './deps';
import { emailError, normalizeEmail } from './email-address';
import { retireOneTimeLinks } from './one-time-link';
import { verifyCurrentPassword } from './verify-current-password';

/** An email change confirmation link lives 48 hours, like the activation link. */
export const EMAIL_CHANGE_TTL_MS = 48 * 60 * 60 * 1000;

/** Longest current password we will hash: anything longer is simply a wrong password. */
const MAX_PASSWORD_INPUT = 1024;

/**
 * "Changer mon adresse courriel": the new address twice and the current password (SES-07). The
 * new address follows the rules of account creation (REG-03); its messages speak of the *new*
 * address, hence their own keys.
 */
export const emailChangeSchema = z
  .object({ newEmail: z.string(), newEmailConfirm: z.string(), currentPassword: z.string() })
  .superRefine((input, ctx) => {
    const add = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const problem = emailError(input.newEmail);
    if (problem) add('newEmail', `SettingsEmailPage.newEmail.errors.${problem}`);
    if (!input.newEmailConfirm.trim()) {
      add('newEmailConfirm', 'SettingsEmailPage.newEmailConfirm.errors.required');
    } else if (normalizeEmail(input.newEmailConfirm) !== normalizeEmail(input.newEmail)) {
      add('newEmailConfirm', 'SettingsEmailPage.newEmailConfirm.errors.mismatch');
    }
    if (!input.currentPassword) {
      add('currentPassword', 'SettingsEmailPage.currentPassword.errors.required');
    } else if (input.currentPassword.length > MAX_PASSWORD_INPUT) {
      add('currentPassword', 'SettingsEmailPage.currentPassword.errors.invalid');
    }
  });

export type RequestEmailChangeResult = 'sent' | 'invalid_password' | 'same_email' | 'rate_limited';

/**
 * The new address as the notice to the old one shows it: the first character of the mailbox,
 * then `•••`, then the whole domain (`jean@example.ca` → `j•••@example.ca`). Enough for the owner
 * to recognize their own request, too little to hand a stranger the address.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const first = [...email.slice(0, Math.max(at, 0))][0] ?? '';
  return `${first}•••${email.slice(at)}`;
}

/**
 * Asks to change the sign-in address of a signed-in account. The current password is checked
 * first, as a sign-in pathway (SES-07, verifyCurrentPassword): the client's per-IP budget and the
 * account's failure counter and lock; while locked, the answer is 'invalid_password'.
 *
 * With the right password, in one transaction: every earlier unused link of the account is
 * retired, the SHA-256 of a new token is stored (48 h), the confirmation link is queued to the
 * NEW address and a notice (with the new address masked) to the OLD one, both in the account's
 * language (I18N-02). The address itself changes only when the link is used
 * (confirmEmailChange).
 *
 * No enumeration: when another account already uses the new address, the answer is the same
 * 'sent' and the old address gets the same notice, but nothing is queued to the new address and
 * no token is stored (the link could never succeed). We chose to send nothing rather than a
 * "an account already uses this address" email: that mailbox's owner did not ask for anything,
 * and the requester learns nothing from the page. The event log records which case it was.
 *
 * Limits: at most 5 requests an hour per account (bounds the notices to the old address) and 5
 * an hour per new address (bounds the links, whichever accounts ask); past either, nothing is
 * stored or sent and the answer is 'rate_limited'. Both count the same for a free and a taken
 * address, so the limit reveals nothing either.
 */
export async function requestEmailChange(
  deps: AccountDeps,
  input: { userId: string; currentPassword: string; newEmail: string; ip: string },
): Promise<RequestEmailChangeResult> {
  const now = deps.now();
  const reauth = await verifyCurrentPassword(deps, {
    userId: input.userId,
    password: input.currentPassword,
    ip: input.ip,
    failureEvent: 'email_change_failed',
  });
  if (reauth.status === 'rate_limited') return 'rate_limited';
  if (reauth.status !== 'ok') return 'invalid_password';
  // The right password is a successful authentication: consecutive failures start over (LOG-03).
  await recordLoginSuccess(deps.db, hashIdentifier(reauth.email, 'login'));
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === reauth.email) return 'same_email';

  return deps.db.transaction(async (tx): Promise<RequestEmailChangeResult> => {
    const perAccount = await hitRateLimit(tx, {
      key: rateLimitKey('email-change-account', input.userId),
      ...LIMITS.emailChangeEmailsPerAddress,
      now,
    });
    const perAddress = await hitRateLimit(tx, {
      key: rateLimitKey('email-change-mail', newEmail),
      ...LIMITS.emailChangeEmailsPerAddress,
      now,
    });
    if (!perAccount.allowed || !perAddress.allowed) {
      await logSecurityEvent(tx, {
        type: 'email_change_requested',
        userId: input.userId,
        subject: newEmail,
        ip: input.ip,
        detail: { outcome: 'rate_limited' },
        now,
      });
      return 'rate_limited';
    }

    // Locks the account: concurrent requests (and a confirmation) of one account take turns.
    const [account] = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, input.userId))
      .for('update');
    if (!account) return 'invalid_password';
    if (account.email === newEmail) return 'same_email';
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));

    await retireOneTimeLinks(tx, emailChangeTokens, input.userId, now);
    if (!owner) {
      const token = newToken();
      await tx.insert(emailChangeTokens).values({
        userId: input.userId,
        newEmail,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS),
      });
      const confirmUrl = `${deps.appUrl}${localizedPath('/confirm-email', account.locale)}?token=${token}`;
      await enqueueEmail(
        tx,
        {
          to: newEmail,
          template: 'email-change-confirm',
          locale: account.locale,
          props: { confirmUrl, expiresInHours: EMAIL_CHANGE_TTL_MS / 3_600_000 },
        },
        { now: () => now },
      );
    }
    await enqueueEmail(
      tx,
      {
        to: account.email,
        template: 'email-change-notice',
        locale: account.locale,
        props: {
          newEmailMasked: maskEmail(newEmail),
          expiresInHours: EMAIL_CHANGE_TTL_MS / 3_600_000,
          forgotPasswordUrl: deps.appUrl + localizedPath('/forgot-password', account.locale),
        },
      },
      { now: () => now },
    );
    await logSecurityEvent(tx, {
      type: 'email_change_requested',
      userId: input.userId,
      subject: newEmail,
      ip: input.ip,
      detail: { outcome: owner ? 'address_taken' : 'sent' },
      now,
    });
    return 'sent';
  });
}
