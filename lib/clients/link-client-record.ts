import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  buildingRegistrations,
  clientRecords,
  contactDetails,
  pinLockouts,
  users,
} from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { enqueueEmail } from '@/lib/email/outbox';
import { absoluteUrl } from '@/lib/config/app-url';
import { currentNoticeVersion } from '@/lib/registration/notice';
import { logSecurityEvent } from '@/lib/security/events';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { safeEqual } from '@/lib/security/tokens';
import { hashPin, normalizePin, type PinFormatError } from './pin';
import { PIN_LOCK_AFTER } from './pin-rules';

/** Ten wrong PINs in a row lock linking until the City unlocks it (PIN-02). */
export { PIN_LOCK_AFTER };

export type LinkResult =
  | { status: 'linked'; clientNumber: string }
  | { status: 'format'; error: PinFormatError }
  | { status: 'invalid' | 'expired' | 'locked' | 'rate_limited' | 'already_linked' | 'wrong_step' };

/**
 * "Lier avec un code NIP". The order matters: the step and lock are checked, then both attempt
 * counters are incremented atomically *before* the PIN is looked at (PIN-02, PIN-03); a wrong PIN
 * adds to the consecutive-failure count that no new PIN resets. "Expired" is said only when the
 * PIN matched (PIN-07). Success consumes the PIN and links the record in one transaction, with a
 * notification email and an audit event (PIN-05, PIN-09).
 */
export async function linkClientRecord(
  deps: Deps,
  input: { userId: string; pin: string; ip: string },
): Promise<LinkResult> {
  const { db } = deps;
  const now = deps.now();
  const [registration] = await db
    .select({
      noticeVersion: buildingRegistrations.noticeVersion,
      choice: buildingRegistrations.clientRecordChoice,
      language: sql<Locale>`coalesce(${contactDetails.communicationLanguage}, ${users.locale})`,
      email: users.email,
    })
    .from(buildingRegistrations)
    .innerJoin(users, eq(users.id, buildingRegistrations.userId))
    .leftJoin(contactDetails, eq(contactDetails.userId, buildingRegistrations.userId))
    .where(eq(buildingRegistrations.userId, input.userId));
  if (!registration || registration.noticeVersion !== currentNoticeVersion()) {
    return { status: 'wrong_step' };
  }
  if (registration.choice === 'linked') return { status: 'already_linked' };

  const parsed = normalizePin(input.pin);
  if ('error' in parsed) return { status: 'format', error: parsed.error };

  const [lock] = await db
    .select({ failures: pinLockouts.consecutiveFailures })
    .from(pinLockouts)
    .where(eq(pinLockouts.userId, input.userId));
  if ((lock?.failures ?? 0) >= PIN_LOCK_AFTER) return { status: 'locked' };

  const perIp = await hitRateLimit(db, {
    key: rateLimitKey('pin-ip', input.ip),
    ...LIMITS.pinAttemptsPerIp,
    now,
  });
  if (!perIp.allowed) return { status: 'rate_limited' };
  const perAccount = await hitRateLimit(db, {
    key: rateLimitKey('pin-account', input.userId),
    ...LIMITS.pinAttemptsPerAccount,
    now,
  });
  if (!perAccount.allowed) return { status: 'rate_limited' };

  const pinHash = hashPin(parsed.pin);
  const [record] = await db.select().from(clientRecords).where(eq(clientRecords.pinHash, pinHash));
  const usable =
    record && safeEqual(record.pinHash, pinHash) && !record.pinUsedAt && !record.linkedUserId;

  if (!usable) {
    const [counted] = await db
      .insert(pinLockouts)
      .values({ userId: input.userId, consecutiveFailures: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: pinLockouts.userId,
        set: {
          consecutiveFailures: sql`${pinLockouts.consecutiveFailures} + 1`,
          updatedAt: now,
        },
      })
      .returning({ failures: pinLockouts.consecutiveFailures });
    const locked = (counted?.failures ?? 0) >= PIN_LOCK_AFTER;
    if (locked) {
      await db
        .update(pinLockouts)
        .set({ lockedAt: now })
        .where(eq(pinLockouts.userId, input.userId));
    }
    await logSecurityEvent(db, {
      type: locked ? 'pin_locked' : 'pin_attempt_failed',
      userId: input.userId,
      ip: input.ip,
      detail: { failures: counted?.failures ?? 0 },
      now,
    });
    return { status: locked ? 'locked' : 'invalid' };
  }
  if (record.pinExpiresAt.getTime() <= now.getTime()) return { status: 'expired' };

  const linked = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(clientRecords)
      .set({ pinUsedAt: now, linkedUserId: input.userId, linkedAt: now })
      .where(
        and(
          eq(clientRecords.id, record.id),
          isNull(clientRecords.pinUsedAt),
          isNull(clientRecords.linkedUserId),
        ),
      )
      .returning({ clientNumber: clientRecords.clientNumber });
    if (!claimed) return null;
    await tx
      .update(buildingRegistrations)
      .set({ clientRecordChoice: 'linked', clientRecordChoiceAt: now, updatedAt: now })
      .where(eq(buildingRegistrations.userId, input.userId));
    await tx.delete(pinLockouts).where(eq(pinLockouts.userId, input.userId));
    await enqueueEmail(
      tx,
      {
        to: registration.email,
        template: 'client-record-linked',
        locale: registration.language,
        props: {
          clientNumber: claimed.clientNumber,
          profileUrl: absoluteUrl(
            deps.appUrl,
            '/building-code-services/profile',
            registration.language,
          ),
        },
      },
      { now: () => now },
    );
    await logSecurityEvent(tx, {
      type: 'pin_linked',
      userId: input.userId,
      ip: input.ip,
      detail: { clientNumber: claimed.clientNumber },
      now,
    });
    return claimed.clientNumber;
  });
  // Another account won the race for the same record: a plain failure for this one.
  return linked ? { status: 'linked', clientNumber: linked } : { status: 'invalid' };
}
