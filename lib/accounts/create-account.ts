import { eq } from 'drizzle-orm';
import { absoluteUrl } from '@/lib/config/app-url';
import { users } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import type { Locale } from '@/lib/i18n/routing';
import { logSecurityEvent } from '@/lib/security/events';
import { hashPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import type { Deps } from '@/lib/deps';
import { normalizeEmail } from './email-address';
import { allowActivationMail, issueActivationLink } from './issue-activation-link';

export type CreateAccountResult = 'ok' | 'rate_limited';

/**
 * Counts one registration POST from a client address (REG-05: 20 a minute), valid or not, and
 * says whether it may go on. createAccount counts its own; the action counts refused forms.
 */
export async function countRegistrationAttempt(
  deps: Pick<Deps, 'db' | 'now'>,
  ip: string,
): Promise<boolean> {
  const { allowed } = await hitRateLimit(deps.db, {
    key: rateLimitKey('register-ip', ip),
    ...LIMITS.registerPerIp,
    now: deps.now(),
  });
  return allowed;
}

/**
 * Creates a pending account and queues its activation email, in one transaction. The answer is
 * the same whether or not the address already has an account (REG-01): a pending account gets
 * a fresh activation link, its password unchanged (the mail says so), an active one gets an
 * "account already exists" email. The password is hashed on every path, so that each answer
 * takes the same time. Input must already have passed createAccountSchema.
 */
export async function createAccount(
  deps: Deps,
  input: { email: string; password: string; locale: Locale; termsVersion: string; ip: string },
): Promise<CreateAccountResult> {
  const now = deps.now();
  if (!(await countRegistrationAttempt(deps, input.ip))) return 'rate_limited';

  const email = normalizeEmail(input.email);
  // Hash first, whatever happens next, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);

  await deps.db.transaction(async (tx) => {
    // Insert first: a new address (the usual case) then costs one statement. The unique index
    // decides between simultaneous sign-ups of one address: the loser's insert waits for the
    // winner to commit and inserts nothing, and the loser goes on as a sign-up of that (pending)
    // account instead of failing on a unique violation. An address already in use is then locked.
    const [created] = await tx
      .insert(users)
      .values({
        email,
        passwordHash,
        locale: input.locale,
        termsVersion: input.termsVersion,
        acceptedTermsAt: now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    const createdId = created?.id;
    const [existing] = createdId
      ? []
      : await tx
          .select({ id: users.id, status: users.status, locale: users.locale })
          .from(users)
          .where(eq(users.email, email))
          .for('update');

    if (existing?.status === 'active') {
      if (await allowActivationMail(tx, email, now)) {
        await enqueueEmail(
          tx,
          {
            to: email,
            template: 'account-exists',
            locale: input.locale,
            props: {
              loginUrl: absoluteUrl(deps.appUrl, '/login', input.locale),
              forgotPasswordUrl: absoluteUrl(deps.appUrl, '/forgot-password', input.locale),
            },
          },
          { now: () => now },
        );
      }
      await logSecurityEvent(tx, {
        type: 'register_existing',
        userId: existing.id,
        subject: email,
        ip: input.ip,
        now,
      });
      return;
    }

    let userId: string;
    if (createdId) {
      userId = createdId;
    } else if (existing) {
      // Still pending: the account stays as its owner made it (REG-01). Whoever registers again
      // cannot change the password the owner will be asked for; the mail sent again says so, and
      // that the reset path (which activates the account) chooses a new one. Only the language
      // follows the page, as a resend does.
      await tx.update(users).set({ locale: input.locale }).where(eq(users.id, existing.id));
      userId = existing.id;
    } else {
      // Neither inserted nor found: the account was deleted in between. Nothing was written.
      throw new Error('The account being created vanished during sign-up');
    }
    const sent = await issueActivationLink(tx, {
      userId,
      newAccount: createdId !== undefined,
      repeated: createdId === undefined,
      email,
      locale: input.locale,
      now,
      appUrl: deps.appUrl,
    });
    await logSecurityEvent(tx, {
      type: 'register',
      userId,
      subject: email,
      ip: input.ip,
      detail: { activationMailQueued: sent },
      now,
    });
  });
  return 'ok';
}
