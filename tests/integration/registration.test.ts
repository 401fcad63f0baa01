import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildingRegistrations,
  consents,
  contactDetails,
  contactDetailsChanges,
  securityEvents,
} from '@/lib/db/schema';
import { getContactDetails, saveContactDetails } from '@/lib/accounts/contact-details';
import { giveConsent } from '@/lib/registration/give-consent';
import * as notice from '@/lib/registration/notice';
import { profileSchema } from '@/lib/registration/profile-schema';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { skipClientRecord } from '@/lib/registration/skip-client-record';
import { testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import { PROFILE, activeUser, consentedUser } from '../helpers/registration';

let t: TestDb;
let deps: ReturnType<typeof testDeps>;
beforeEach(async () => {
  t = await createTestDb();
  deps = testDeps(t.db);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

describe('registration steps (AUTHZ-02)', () => {
  it('AUTHZ-03: go consent → client record → registered, read from the database', async () => {
    const userId = await activeUser(deps, 'steps@example.ca');
    expect(await getRegistrationState(t.db, userId)).toBe('needs_consent');
    const result = await giveConsent(deps, {
      userId,
      locale: 'en',
      profile: profileSchema.parse(PROFILE),
    });
    expect(result).toEqual({ status: 'ok', state: 'needs_client_record' });
    expect(await getRegistrationState(t.db, userId)).toBe('needs_client_record');
    expect(await skipClientRecord(deps, userId)).toBe('ok');
    expect(await getRegistrationState(t.db, userId)).toBe('registered');
  });

  it('refuses to skip before consent, writing nothing', async () => {
    const userId = await activeUser(deps, 'early@example.ca');
    expect(await skipClientRecord(deps, userId)).toBe('wrong_step');
    expect(await t.db.select().from(buildingRegistrations)).toEqual([]);
  });

  it('refuses a second consent at a later step, writing nothing', async () => {
    const userId = await consentedUser(deps, 'twice@example.ca');
    const before = await t.db.select().from(consents);
    const result = await giveConsent(deps, {
      userId,
      locale: 'fr',
      profile: profileSchema.parse({ ...PROFILE, firstName: 'Autre' }),
    });
    expect(result).toEqual({ status: 'wrong_step' });
    expect(await t.db.select().from(consents)).toEqual(before);
    const [row] = await t.db.select().from(contactDetails);
    expect(row?.firstName).toBe('Jean');
  });
});

describe('consent record (PRIV-02)', () => {
  it('PRIV-02: keeps time, notice version, locale, fingerprint and the fields shared', async () => {
    const userId = await activeUser(deps, 'consent@example.ca');
    await giveConsent(deps, { userId, locale: 'en', profile: profileSchema.parse(PROFILE) });
    const [record] = await t.db.select().from(consents).where(eq(consents.userId, userId));
    expect(record).toMatchObject({
      serviceKey: 'building-code-services',
      action: 'granted',
      occurredAt: deps.now(),
      noticeVersion: notice.currentNoticeVersion(),
      noticeLocale: 'en',
      noticeSha256: notice.noticeSha256('en'),
    });
    expect(record?.noticeSha256).not.toBe(notice.noticeSha256('fr'));
    expect(record?.fieldsShared).toEqual([
      'firstName',
      'lastName',
      'communicationLanguage',
      'address1',
      'city',
      'country',
      'province',
      'postalCode',
      'phone',
    ]);
    // The details shared are the person's one set of contact details.
    const [profile] = await t.db.select().from(contactDetails);
    expect(profile).toMatchObject({
      userId,
      postalCode: 'K1P 1J1',
      phone: '613-580-2424',
      title: null,
      updatedAt: deps.now(),
    });
    const events = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'consent'));
    expect(events).toHaveLength(1);
  });
});

describe('a new notice version (PRIV-03)', () => {
  it('PRIV-03: sends a registered person back through consent, keeping their client-record choice', async () => {
    const userId = await consentedUser(deps, 'bump@example.ca');
    await skipClientRecord(deps, userId);
    expect(await getRegistrationState(t.db, userId)).toBe('registered');

    vi.spyOn(notice, 'currentNoticeVersion').mockReturnValue('2099-01-01');
    expect(await getRegistrationState(t.db, userId)).toBe('needs_consent');
    const result = await giveConsent(deps, {
      userId,
      locale: 'fr',
      profile: profileSchema.parse(PROFILE),
    });
    expect(result).toEqual({ status: 'ok', state: 'registered' });
    const versions = (await t.db.select().from(consents)).map((c) => c.noticeVersion);
    expect(versions).toEqual([expect.any(String), '2099-01-01']);
  });
});

describe('one profile: the consent form writes the contact details', () => {
  it('replaces the contact details a person kept, records the change from the registration, and reads back through getContactDetails', async () => {
    const userId = await activeUser(deps, 'un-profil@example.ca');
    await saveContactDetails(deps, {
      userId,
      profile: profileSchema.parse({ ...PROFILE, phone: '819 555 0100', city: 'Gatineau' }),
      ip: '203.0.113.9',
    });
    deps.clock.advance(60_000);
    await giveConsent(deps, { userId, locale: 'fr', profile: profileSchema.parse(PROFILE) });
    expect(await t.db.$count(contactDetails)).toBe(1);
    expect(await getContactDetails(t.db, userId)).toMatchObject({
      city: 'Ottawa',
      phone: '613-580-2424',
      updatedAt: deps.now(),
    });
    const history = await t.db
      .select({ source: contactDetailsChanges.source, fields: contactDetailsChanges.fields })
      .from(contactDetailsChanges)
      .where(eq(contactDetailsChanges.userId, userId))
      .orderBy(contactDetailsChanges.changedAt);
    expect(history.at(-1)).toEqual({ source: 'registration', fields: ['city', 'phone'] });
    // The registration row keeps only the registration's facts.
    const [registration] = await t.db.select().from(buildingRegistrations);
    expect(Object.keys(registration!).sort()).toEqual([
      'clientRecordChoice',
      'clientRecordChoiceAt',
      'consentedAt',
      'noticeVersion',
      'updatedAt',
      'userId',
    ]);
  });
});
