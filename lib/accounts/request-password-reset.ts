import { eq } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import { type Locale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';
import { logSecurityEvent } from '@/lib/security/events';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { hashToken, newToken } from '@/lib/security/tokens';
import { RESET_TTL_MS, type AccountDeps } from './deps';
import { normalizeEmail } from './email-address';
import { retireOneTimeLinks } from './one-time-link';

/**
 * "Mot de passe oublié?": the answer is the same whether or not an account uses the address
 * (RST-01). The owner gets a reset link in their own language; an unknown address gets a short
 * "no account uses this address" email in the page's language. Both count against the address's
 * 5 reset emails an hour and the client's per-IP budget (RST-03); past either, nothing is sent
 * and the page still looks the same, except that a per-IP refusal says "too many attempts".
 */
export async function requestPasswordReset(
  deps: AccountDeps,
  input: { email: string; locale: Locale; ip: string },
): Promise<'ok' | 'rate_limited'> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('reset-ip', input.ip),
    ...LIMITS.resetPerIp,
    now,
  });
  if (!perIp.allowed) return 'rate_limited';
  const email = normalizeEmail(input.email);

  await deps.db.transaction(async (tx) => {
    const perAddress = await hitRateLimit(tx, {
      key: rateLimitKey('reset-mail', email),
      ...LIMITS.resetEmailsPerAddress,
      now,
    });
    const [user] = await tx
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    await logSecurityEvent(tx, {
      type: 'reset_requested',
      userId: user?.id ?? null,
      subject: email,
      ip: input.ip,
      detail: { known: Boolean(user), mailQueued: perAddress.allowed },
      now,
    });
    if (!perAddress.allowed) return;

    if (!user) {
      await enqueueEmail(
        tx,
        {
          to: email,
          template: 'reset-no-account',
          locale: input.locale,
          props: {
            createAccountUrl: deps.appUrl + localizedPath('/create-account', input.locale),
            forgotPasswordUrl: deps.appUrl + localizedPath('/forgot-password', input.locale),
          },
        },
        { now: () => now },
      );
      return;
    }

    await retireOneTimeLinks(tx, passwordResetTokens, user.id, now);
    const token = newToken();
    await tx.insert(passwordResetTokens).values({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    });
    // The account's language (I18N-02), not the page's: it is the owner's mailbox.
    const resetUrl = `${deps.appUrl}${localizedPath('/reset-password', user.locale)}?token=${token}`;
    await enqueueEmail(
      tx,
      {
        to: email,
        template: 'password-reset',
        locale: user.locale,
        props: { resetUrl, expiresInMinutes: RESET_TTL_MS / 60_000 },
      },
      { now: () => now },
    );
  });
  return 'ok';
}
