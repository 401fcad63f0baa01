import { createTranslator } from 'next-intl';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changePasswordSchema } from '@/lib/accounts/schemas';
import { issueClientPin } from '@/lib/clients/issue-client-pin';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { linkedRecordHint, pinTriesLeft } from '@/lib/clients/record-hint';
import { pinLockouts } from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { activeUser, consentedUser } from '../helpers/registration';
import { nextIp, testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import {
  cookieValue,
  formData,
  redirectOf,
  request,
  resetRequest,
  signInAs,
} from '../helpers/next-request';

/**
 * Issue 15, items 10 and 11, on the server: the tries left before the PIN lock, the masked
 * record detail after linking, the reset address remembered for "check your email", and the
 * new-password errors of "Changer le mot de passe". Actions are called as Next.js calls them.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);

const { forgotPasswordAction } = await import('@/app/[locale]/(public)/forgot-password/actions');
const { linkPinAction } =
  await import('@/app/[locale]/(signed-in)/building-code-services/register/client-record/actions');

let t: TestDb;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };

beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
});
afterAll(async () => {
  dbCache.__monsoDb = undefined;
  await t.close();
});

let ip = 0;
beforeEach(() => {
  ip += 1;
  resetRequest({ ip: `198.51.100.${ip}` });
});

const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });
const translate = (locale: 'fr' | 'en', state: FormState) =>
  createTranslator({ locale, messages: locale === 'fr' ? fr : en })(
    state.fieldErrors.pin as never,
    state.messageValues as never,
  );

describe('"Lier avec un code NIP": the tries left before linking locks (PIN-02)', () => {
  it('PIN-02: a wrong PIN says how many tries remain once 5 or fewer do, in both languages', async () => {
    const userId = await consentedUser(testDeps(t.db), 'essais@example.ca');
    await signInAs(t.db, userId);
    for (let i = 1; i <= 4; i++) {
      const state = await linkPinAction(initial(), formData({ pin: `ZZZZ-ZZZ${i}` }));
      expect(state.fieldErrors).toEqual({ pin: 'Pin.errors.invalid' });
      expect(state.messageValues).toBeUndefined();
    }
    const fifth = await linkPinAction(initial(), formData({ pin: 'ZZZZ-ZZZ5' }));
    expect(fifth.fieldErrors).toEqual({ pin: 'Pin.errors.invalidFewLeft' });
    expect(fifth.messageValues).toEqual({ remaining: 5 });
    expect(translate('fr', fifth)).toContain('Il vous reste 5 essais');
    expect(translate('en', fifth)).toContain('You have 5 tries left');
    expect(await pinTriesLeft(t.db, userId)).toBe(5);
  });

  it('PIN-02: with 3 tries left, the next wrong PIN says 2 remain, then 1 (singular)', async () => {
    const userId = await consentedUser(testDeps(t.db), 'trois@example.ca');
    await t.db
      .insert(pinLockouts)
      .values({ userId, consecutiveFailures: 7, updatedAt: new Date() });
    expect(await pinTriesLeft(t.db, userId)).toBe(3);
    await signInAs(t.db, userId);
    const state = await linkPinAction(initial(), formData({ pin: 'ZZZZ-ZZZ8' }));
    expect(state.messageValues).toEqual({ remaining: 2 });
    expect(translate('fr', state)).toContain('Il vous reste 2 essais');
    const last = await linkPinAction(initial(), formData({ pin: 'ZZZZ-ZZZ9' }));
    expect(translate('fr', last)).toContain('Il vous reste 1 essai ');
    expect(translate('en', last)).toContain('You have 1 try left');
    const locked = await linkPinAction(initial(), formData({ pin: 'ZZZZ-ZZZA' }));
    expect(locked.fieldErrors).toEqual({ pin: 'Pin.errors.locked' });
    expect(await pinTriesLeft(t.db, userId)).toBe(0);
  });
});

describe('after linking: a masked detail of the record, so the person sees it is theirs', () => {
  it('shows the street of the linked record, masked, and nothing before linking', async () => {
    const deps = testDeps(t.db);
    const userId = await consentedUser(deps, 'adresse@example.ca');
    const { pin } = await issueClientPin(t.db, {
      firstName: 'Jean',
      lastName: 'Tremblay',
      address: '110, avenue Laurier Ouest, Ottawa',
    });
    expect(await linkedRecordHint(t.db, userId)).toBeNull();
    expect((await linkClientRecord(deps, { userId, pin, ip: nextIp() })).status).toBe('linked');
    expect(await linkedRecordHint(t.db, userId)).toBe('1••, avenue Laurier…');
  });

  it('has nothing to show for a record without an address', async () => {
    const deps = testDeps(t.db);
    const userId = await consentedUser(deps, 'sans-adresse@example.ca');
    const { pin } = await issueClientPin(t.db, { firstName: 'Marie', lastName: 'Lavoie' });
    await linkClientRecord(deps, { userId, pin, ip: nextIp() });
    expect(await linkedRecordHint(t.db, userId)).toBeNull();
  });
});

describe('"Mot de passe oublié": the address on "check your email"', () => {
  it('PRIV-04: remembers the address typed in a short-lived HttpOnly cookie, never in the URL', async () => {
    await activeUser(testDeps(t.db), 'oubli@example.ca');
    const to = await redirectOf(
      forgotPasswordAction(initial(), formData({ email: ' Oubli@Example.ca ' })),
    );
    expect(to).toBe(`${localizedPath('/forgot-password', 'fr')}?sent=1`);
    expect(to).not.toContain('example.ca');
    const cookie = request.cookies.get('monso.reset-email');
    expect(cookie?.value).toBe('oubli@example.ca');
    expect(cookie?.options).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 15 * 60,
    });
  });

  it('PRIV-04: remembers it for an unknown address too (the same answer for every address)', async () => {
    await redirectOf(forgotPasswordAction(initial(), formData({ email: 'inconnu@example.ca' })));
    expect(cookieValue('monso.reset-email')).toBe('inconnu@example.ca');
  });
});

describe('"Changer le mot de passe": the errors name the new password', () => {
  it('says "nouveau" / "new" for each rule of the new password and its confirmation', () => {
    const schema = changePasswordSchema({ email: 'moi@example.ca' });
    const keys = (input: Record<string, string>) => {
      const parsed = schema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    };
    const short = keys({ currentPassword: 'x', password: 'court', passwordConfirm: 'autre' });
    expect(short).toEqual([
      'SettingsPasswordPage.errors.newPassword.tooShort',
      'SettingsPasswordPage.errors.newPasswordConfirm.mismatch',
    ]);
    const empty = keys({ currentPassword: 'x', password: '', passwordConfirm: '' });
    expect(empty).toEqual([
      'SettingsPasswordPage.errors.newPassword.required',
      'SettingsPasswordPage.errors.newPasswordConfirm.required',
    ]);
    const errors = { fr: fr.SettingsPasswordPage.errors, en: en.SettingsPasswordPage.errors };
    for (const message of [
      ...Object.values(errors.fr.newPassword),
      ...Object.values(errors.fr.newPasswordConfirm),
    ]) {
      expect(message).toMatch(/nouveau/);
    }
    for (const message of [
      ...Object.values(errors.en.newPassword),
      ...Object.values(errors.en.newPasswordConfirm),
    ]) {
      expect(message).toMatch(/\bnew\b/);
    }
  });
});
