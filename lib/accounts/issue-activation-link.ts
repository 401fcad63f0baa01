import { activationTokens } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueEmail } from '@/lib/email/outbox';
import { type Locale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { hashToken, newToken } from '@/lib/security/tokens';
import { ACTIVATION_TTL_MS } from './deps';
import { retireOneTimeLinks } from './one-time-link';

/**
 * Within a transaction: retires every earlier link of the account (ACT-04; an account created in
 * this transaction has none, so `newAccount` skips the update), stores the SHA-256
 * of a new 256-bit token (ACT-01) and queues the activation email, unless the address has
 * already had its activation emails for the hour (REG-04). Returns whether a mail was queued.
 */
export async function issueActivationLink(
  tx: Db,
  opts: {
    userId: string;
    email: string;
    locale: Locale;
    now: Date;
    appUrl: string;
    newAccount?: boolean;
  },
): Promise<boolean> {
  if (!(await allowActivationMail(tx, opts.email, opts.now))) return false;
  if (!opts.newAccount) await retireOneTimeLinks(tx, activationTokens, opts.userId, opts.now);
  const token = newToken();
  await tx.insert(activationTokens).values({
    userId: opts.userId,
    tokenHash: hashToken(token),
    createdAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + ACTIVATION_TTL_MS),
  });
  const activationUrl = `${opts.appUrl}${localizedPath('/activate', opts.locale)}?token=${token}`;
  await enqueueEmail(
    tx,
    {
      to: opts.email,
      template: 'activation',
      locale: opts.locale,
      props: { activationUrl, expiresInHours: ACTIVATION_TTL_MS / 3_600_000 },
    },
    { now: () => opts.now },
  );
  return true;
}

/** The per-address budget shared by every mail the account pages send (REG-04). */
export async function allowActivationMail(tx: Db, email: string, now: Date): Promise<boolean> {
  const { allowed } = await hitRateLimit(tx, {
    key: rateLimitKey('activation-mail', email),
    ...LIMITS.activationEmailsPerAddress,
    now,
  });
  return allowed;
}
