import { eq } from 'drizzle-orm';
import { buildingRegistrations, consents, users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { logSecurityEvent } from '@/lib/security/events';
import { BUILDING_SERVICE_KEY, currentNoticeVersion, noticeSha256 } from './notice';
import { writeContactDetails } from '@/lib/accounts/contact-details';
import { PROFILE_FIELDS, type ProfileInput } from './profile-schema';
import { registrationStateOf, type RegistrationState } from './registration-state';

/**
 * "J'accepte": saves the person's contact details (the profile shared with Building Code
 * Services, lib/accounts/contact-details.ts) and records the consent
 * (time, notice version, locale and fingerprint, fields shared), in one transaction. Only for
 * someone at the consent step; anyone else gets 'wrong_step' and nothing is written.
 * Returns the state the person is in afterwards.
 */
export async function giveConsent(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { userId: string; locale: Locale; profile: ProfileInput },
): Promise<{ status: 'ok'; state: RegistrationState } | { status: 'wrong_step' }> {
  const now = deps.now();
  const version = currentNoticeVersion();
  return deps.db.transaction(async (tx) => {
    // The registration row may not exist yet, and FOR UPDATE locks nothing that does not exist:
    // lock the person's account row, so two simultaneous "J'accepte" cannot both record consent.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    const [existing] = await tx
      .select({
        noticeVersion: buildingRegistrations.noticeVersion,
        clientRecordChoice: buildingRegistrations.clientRecordChoice,
      })
      .from(buildingRegistrations)
      .where(eq(buildingRegistrations.userId, input.userId))
      .for('update');
    if (registrationStateOf(existing, version) !== 'needs_consent') {
      return { status: 'wrong_step' as const };
    }
    const p = input.profile;
    // The details go to the person's one set of contact details; the registration keeps its
    // own facts (notice version, consent time).
    await writeContactDetails(tx, {
      userId: input.userId,
      profile: p,
      source: 'registration',
      now,
    });
    const registration = { noticeVersion: version, consentedAt: now, updatedAt: now };
    await tx
      .insert(buildingRegistrations)
      .values({ userId: input.userId, ...registration })
      .onConflictDoUpdate({ target: buildingRegistrations.userId, set: registration });
    await tx.insert(consents).values({
      userId: input.userId,
      serviceKey: BUILDING_SERVICE_KEY,
      action: 'granted',
      occurredAt: now,
      noticeVersion: version,
      noticeLocale: input.locale,
      noticeSha256: noticeSha256(input.locale),
      fieldsShared: PROFILE_FIELDS.filter((f) => p[f] !== ''),
    });
    await logSecurityEvent(tx, {
      type: 'consent',
      userId: input.userId,
      detail: { service: BUILDING_SERVICE_KEY, noticeVersion: version },
      now,
    });
    // A person re-consenting to a newer notice keeps the client-record choice already made.
    return {
      status: 'ok' as const,
      state: registrationStateOf(
        { noticeVersion: version, clientRecordChoice: existing?.clientRecordChoice ?? null },
        version,
      ),
    };
  });
}
