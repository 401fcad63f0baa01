import { absoluteUrl } from '@/lib/config/app-url';
import type { Db } from '@/lib/db/types';
import { enqueueEmail } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { ONE_TIME_LINK_LIFETIME_MS, issueOneTimeLink, retireOneTimeLinks } from './one-time-link';

/**
 * Within a transaction: retires every earlier link of the account (ACT-04; an account created in
 * this transaction has none, so `newAccount` skips the update), stores the SHA-256
 * of a new 256-bit token (ACT-01) and queues the activation email, unless the address has
 * already had its activation emails for the hour (REG-04). Returns whether a mail was queued.
 * `repeated`: a registration of an address whose account is pending; the mail says the account
 * did not change. Every activation mail links to "forgot password", which activates it too.
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
    repeated?: boolean;
  },
): Promise<boolean> {
  if (!(await allowActivationMail(tx, opts.email, opts.now))) return false;
  if (!opts.newAccount) await retireOneTimeLinks(tx, 'activation', opts.userId, opts.now);
  const { url: activationUrl } = await issueOneTimeLink(tx, {
    kind: 'activation',
    userId: opts.userId,
    locale: opts.locale,
    now: opts.now,
    appUrl: opts.appUrl,
  });
  await enqueueEmail(
    tx,
    {
      to: opts.email,
      template: 'activation',
      locale: opts.locale,
      props: {
        activationUrl,
        expiresInHours: ONE_TIME_LINK_LIFETIME_MS.activation / 3_600_000,
        forgotPasswordUrl: absoluteUrl(opts.appUrl, '/forgot-password', opts.locale),
        ...(opts.repeated ? { repeated: true } : {}),
      },
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
