import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { changePassword } from '@/lib/accounts/change-password';
import { getContactDetails, saveContactDetails } from '@/lib/accounts/contact-details';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { inspectResetLink } from '@/lib/accounts/reset-password';
import {
  RECENT_ACTIVITY_LIMIT,
  recentSecurityActivity,
} from '@/lib/accounts/recent-security-activity';
import { setPreferredLanguage } from '@/lib/accounts/set-preferred-language';
import { contactDetailsChanges, securityEvents } from '@/lib/db/schema';
import { profileSchema } from '@/lib/registration/profile-schema';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';
import {
  GOOD_PASSWORD,
  activatedAccount,
  latestResetToken,
  nextIp,
  outbox,
  testDeps,
  userByEmail,
} from '../helpers/accounts';

const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';

let t: TestDb;
let deps: ReturnType<typeof testDeps>;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

async function account(email: string, locale: 'fr' | 'en' = 'fr') {
  await activatedAccount(deps, email, { locale });
  return (await userByEmail(t.db, email))!;
}

const change = (userId: string, currentPassword: string, newPassword = NEW_PASSWORD) =>
  changePassword(deps, { userId, currentPassword, newPassword, ip: nextIp() });

const signIn = (email: string, password: string) =>
  authenticate(deps, { email, password, ip: nextIp() });

describe('changePassword', () => {
  it('PWD-08, SES-07: refuses a wrong current password, counts it as a sign-in failure and changes nothing', async () => {
    const user = await account('wrong@example.ca');
    expect(await change(user.id, 'not my password at all')).toBe('invalid_password');
    expect((await userByEmail(t.db, 'wrong@example.ca'))!.passwordHash).toBe(user.passwordHash);
    const [event] = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'password_change_failed'));
    expect(event!.userId).toBe(user.id);
    // Four more wrong guesses here lock sign-in too (LOG-03 shares the counter).
    for (let i = 0; i < 4; i++) await change(user.id, `wrong guess ${i}`);
    expect((await signIn('wrong@example.ca', GOOD_PASSWORD)).status).toBe('invalid');
    expect(await change(user.id, GOOD_PASSWORD)).toBe('invalid_password');
  });

  it('PWD-08, SES-04: a change ends every session and mails a notice in the account’s language', async () => {
    const user = await account('change@example.ca', 'en');
    expect(await change(user.id, GOOD_PASSWORD)).toBe('changed');
    const after = (await userByEmail(t.db, 'change@example.ca'))!;
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await signIn('change@example.ca', GOOD_PASSWORD)).status).toBe('invalid');
    expect((await signIn('change@example.ca', NEW_PASSWORD)).status).toBe('ok');
    const mail = (await outbox(t.db)).at(-1)!;
    expect([mail.template, mail.locale, mail.toAddress]).toEqual([
      'password-changed',
      'en',
      'change@example.ca',
    ]);
  });

  it('RST-02: a password change retires unused reset links', async () => {
    const user = await account('links@example.ca');
    await requestPasswordReset(deps, { email: 'links@example.ca', locale: 'fr', ip: nextIp() });
    const token = await latestResetToken(t.db, 'links@example.ca');
    await change(user.id, GOOD_PASSWORD);
    expect(await inspectResetLink(deps, token)).toBe('superseded');
  });
});

describe('contact details', () => {
  const profile = profileSchema.parse({
    title: 'dr',
    firstName: ' Jeanne ',
    lastName: 'Tremblay',
    communicationLanguage: 'fr',
    unit: '',
    address1: '110, avenue Laurier Ouest',
    address2: '',
    city: 'Ottawa',
    province: 'ON',
    postalCode: 'k1p1j1',
    country: 'CA',
    phone: '613 580 2424',
    phoneExtension: '',
    secondaryPhone: '',
    secondaryPhoneExtension: '',
  });

  it('VAL-01: saves the normalized profile and reads it back', async () => {
    const user = await account('contact@example.ca');
    expect(await getContactDetails(t.db, user.id)).toBeNull();
    await saveContactDetails(deps, { userId: user.id, profile, ip: nextIp() });
    expect(await getContactDetails(t.db, user.id)).toMatchObject({
      title: 'dr',
      firstName: 'Jeanne',
      postalCode: 'K1P 1J1',
      phone: '613-580-2424',
      unit: null,
    });
    await saveContactDetails(deps, {
      userId: user.id,
      profile: { ...profile, city: 'Gatineau', province: 'QC', postalCode: 'J8X 1A1' },
      ip: nextIp(),
    });
    expect(await getContactDetails(t.db, user.id)).toMatchObject({ city: 'Gatineau' });
  });

  it('LOGG-01: a change is recorded with its time and the names of the fields changed, never their values', async () => {
    const user = await account('history@example.ca');
    await saveContactDetails(deps, { userId: user.id, profile, ip: nextIp() });
    deps.clock.advance(60_000);
    const changedAt = deps.now();
    const { changed } = await saveContactDetails(deps, {
      userId: user.id,
      profile: { ...profile, phone: '613-555-0100', city: 'Gatineau' },
      ip: nextIp(),
    });
    expect(changed).toEqual(['city', 'phone']);
    // The current details carry the time of the last change: what the City sees.
    expect((await getContactDetails(t.db, user.id))!.updatedAt).toEqual(changedAt);
    const history = await t.db
      .select()
      .from(contactDetailsChanges)
      .where(eq(contactDetailsChanges.userId, user.id))
      .orderBy(contactDetailsChanges.changedAt);
    expect(history.map((h) => [h.source, h.fields])).toEqual([
      [
        'contact_details',
        [
          'title',
          'firstName',
          'lastName',
          'communicationLanguage',
          'address1',
          'city',
          'country',
          'province',
          'postalCode',
          'phone',
        ],
      ],
      ['contact_details', ['city', 'phone']],
    ]);
    expect(history[1]!.changedAt).toEqual(changedAt);
    const events = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'contact_details_updated'));
    expect(events.at(-1)!.detail).toEqual({ fields: 'city,phone' });
    expect(JSON.stringify(events)).not.toContain('555-0100');
    expect(JSON.stringify(events)).not.toContain('Gatineau');

    // Saving the same details again changes nothing and records no change.
    deps.clock.advance(60_000);
    const again = await saveContactDetails(deps, {
      userId: user.id,
      profile: { ...profile, phone: '613-555-0100', city: 'Gatineau' },
      ip: nextIp(),
    });
    expect(again.changed).toEqual([]);
    expect(await t.db.$count(contactDetailsChanges)).toBe(2);
    expect((await getContactDetails(t.db, user.id))!.updatedAt).toEqual(changedAt);
  });
});

describe('preferred language', () => {
  it('I18N-02: later emails use the language chosen in the settings', async () => {
    const user = await account('lang@example.ca', 'fr');
    await setPreferredLanguage(deps, { userId: user.id, language: 'en', ip: nextIp() });
    await requestPasswordReset(deps, { email: 'lang@example.ca', locale: 'fr', ip: nextIp() });
    const mail = (await outbox(t.db)).at(-1)!;
    expect([mail.template, mail.locale]).toEqual(['password-reset', 'en']);
  });
});

describe('recent security activity', () => {
  it('LOGG-01: lists the account’s last 20 events, newest first, and only its own', async () => {
    const user = await account('activity@example.ca');
    await account('someone-else@example.ca');
    for (let i = 0; i < 25; i++) {
      deps.clock.advance(60_000);
      await signIn('activity@example.ca', i % 2 ? GOOD_PASSWORD : `wrong guess ${i}`);
    }
    const activity = await recentSecurityActivity(t.db, user.id);
    expect(activity).toHaveLength(RECENT_ACTIVITY_LIMIT);
    expect(activity[0]!.type).toBe('login_failure');
    const times = activity.map((e) => e.occurredAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Object.keys(activity[0]!).sort()).toEqual(['occurredAt', 'type']);
  });
});
