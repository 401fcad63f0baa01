import { describe, expect, it } from 'vitest';
import {
  normalizePhone,
  normalizePostalCode,
  profileFormValues,
  profileSchema,
  PROFILE_FIELDS,
  PROVINCES,
  storedProfile,
  TITLES,
} from '@/lib/registration/profile-schema';
import en from '@/messages/en.json';
import { PROFILE } from '../helpers/registration';
import fr from '@/messages/fr.json';

const valid = PROFILE;

const errorsOf = (input: Record<string, string>) => {
  const result = profileSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('profile normalization', () => {
  it.each([
    ['k1p1j1', 'K1P 1J1'],
    ['K1P 1J1', 'K1P 1J1'],
    [' k1p-1j1 ', 'K1P 1J1'],
  ])('postal code %j → %j', (raw, expected) => expect(normalizePostalCode(raw)).toBe(expected));

  it.each(['K1P 1J', 'D1P 1J1', '12345', 'K1P 1J1 X'])('rejects postal code %j', (raw) =>
    expect(normalizePostalCode(raw)).toBeNull(),
  );

  it.each([
    ['613 580 2424', '613-580-2424'],
    ['(613) 580-2424', '613-580-2424'],
    ['+1 613.580.2424', '613-580-2424'],
    ['16135802424', '613-580-2424'],
  ])('phone %j → %j', (raw, expected) => expect(normalizePhone(raw)).toBe(expected));

  it.each([
    '580 2424',
    '013 580 2424',
    '613 080 2424',
    '613-580-24245',
    'six one three',
    '613 580 2424 ext 5',
  ])('rejects phone %j', (raw) => expect(normalizePhone(raw)).toBeNull());
});

describe('profileSchema (VAL-01)', () => {
  it('accepts the guide example and normalizes it', () => {
    const result = profileSchema.parse(valid);
    expect(result).toMatchObject({ postalCode: 'K1P 1J1', phone: '613-580-2424', country: 'CA' });
  });

  it('requires first name, last name, language and phone', () => {
    expect(
      errorsOf({ ...valid, firstName: ' ', lastName: '', communicationLanguage: '', phone: '' }),
    ).toEqual({
      firstName: 'Profile.firstName.errors.required',
      lastName: 'Profile.lastName.errors.required',
      communicationLanguage: 'Profile.communicationLanguage.errors.required',
      phone: 'Profile.phone.errors.required',
    });
  });

  it('refuses a matrix of invalid values, each with its own message key', () => {
    expect(
      errorsOf({
        ...valid,
        title: 'king',
        firstName: 'a\r\nBcc: x@y',
        lastName: 'x'.repeat(101),
        communicationLanguage: 'de',
        province: 'ZZ',
        postalCode: '90210',
        phone: '123',
        phoneExtension: '12a',
        secondaryPhone: '555',
        secondaryPhoneExtension: '1234567',
        country: 'XX',
      }),
    ).toEqual({
      title: 'Profile.title.errors.invalid',
      firstName: 'Profile.firstName.errors.invalid',
      lastName: 'Profile.lastName.errors.tooLong',
      communicationLanguage: 'Profile.communicationLanguage.errors.invalid',
      province: 'Profile.province.errors.invalid',
      phone: 'Profile.phone.errors.invalid',
      phoneExtension: 'Profile.phoneExtension.errors.invalid',
      secondaryPhone: 'Profile.secondaryPhone.errors.invalid',
      secondaryPhoneExtension: 'Profile.secondaryPhoneExtension.errors.invalid',
      country: 'Profile.country.errors.invalid',
    });
  });

  it('checks postal code and province only as Canadian ones when the country is Canada', () => {
    expect(errorsOf({ ...valid, postalCode: '90210' })).toEqual({
      postalCode: 'Profile.postalCode.errors.invalid',
    });
    expect(errorsOf({ ...valid, country: 'US', province: '', postalCode: '90210' })).toEqual({});
    expect(errorsOf({ ...valid, country: 'US', province: 'ON', postalCode: '90210' })).toEqual({
      province: 'Profile.province.errors.outsideCanada',
    });
  });

  it('AUTHZ-04: refuses fields the form does not have', () => {
    const result = profileSchema.safeParse({ ...valid, userId: 'x', registrationComplete: 'true' });
    expect(result.success).toBe(false);
  });

  it('has every message key it can produce, in both languages', () => {
    const keys = new Set<string>();
    const visit = (o: unknown, path: string[]) => {
      if (typeof o === 'string') keys.add(path.join('.'));
      else if (o && typeof o === 'object')
        for (const [k, v] of Object.entries(o)) visit(v, [...path, k]);
    };
    visit({ Profile: fr.Profile }, []);
    const produced = Object.values(
      errorsOf({
        ...valid,
        title: 'x',
        firstName: '',
        lastName: 'x'.repeat(101),
        communicationLanguage: 'x',
        province: 'x',
        postalCode: 'x',
        phone: 'x',
        phoneExtension: 'x',
        secondaryPhone: 'x',
        country: 'CA',
      }),
    );
    for (const key of produced) expect(keys.has(key), key).toBe(true);
    expect(Object.keys(en.Profile.province.options)).toEqual([...PROVINCES]);
    expect(PROVINCES).toHaveLength(13);
  });
});

describe('titles', () => {
  it('offers the same titles in both languages, one for all women (Mme, Ms.), no Mlle', () => {
    expect(Object.keys(fr.Profile.title.options)).toEqual([...TITLES]);
    expect(Object.keys(en.Profile.title.options)).toEqual([...TITLES]);
    expect(fr.Profile.title.options.ms).toBe('Mme');
    expect(en.Profile.title.options.ms).toBe('Ms.');
    expect(Object.values(fr.Profile.title.options)).not.toContain('Mlle');
  });

  it('reads a stored former title (Mrs.) as the one that replaced it, and accepts it when saved again', () => {
    const row = {
      ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f, null])),
      ...PROFILE,
      title: 'mrs',
    } as Record<(typeof PROFILE_FIELDS)[number], string | null>;
    expect(storedProfile(row).title).toBe('ms');
    const values = profileFormValues(row);
    expect(values.title).toBe('ms');
    expect(profileSchema.safeParse(values).success).toBe(true);
    expect(storedProfile({ ...row, title: 'dr' }).title).toBe('dr');
    expect(storedProfile({ ...row, title: null }).title).toBeNull();
  });
});
