import { z } from 'zod';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';

/** The 13 provinces and territories, by their Canada Post codes (VAL-01 allowlist). */
export const PROVINCES = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;
export const COUNTRIES = ['CA', 'US', 'OTHER'] as const;
/**
 * One title for all women, as French has one (Mme; Mlle is discouraged in Canadian French): the
 * lists stay equivalent in both languages, Ms. in English. 'mrs' (Mrs./Mme) was stored before
 * and reads as 'ms'.
 */
export const TITLES = ['mr', 'ms', 'mx', 'dr'] as const;
const FORMER_TITLES: Record<string, (typeof TITLES)[number]> = { mrs: 'ms' };
export const LANGUAGES = ['fr', 'en'] as const;

/**
 * The profile's fields in the forms' reading order: the address as it is read, with Pays before
 * the Province it decides (UX.md row 23).
 */
export const PROFILE_FIELDS = [
  'title',
  'firstName',
  'lastName',
  'communicationLanguage',
  'unit',
  'address1',
  'address2',
  'city',
  'country',
  'province',
  'postalCode',
  'phone',
  'phoneExtension',
  'secondaryPhone',
  'secondaryPhoneExtension',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

const key = (field: ProfileField, rule: string) => `Profile.${field}.errors.${rule}`;

/** `k1p1j1`, `K1P-1J1` → `K1P 1J1`; null when it is not a Canadian postal code. */
export function normalizePostalCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/.test(compact)) return null;
  return `${compact.slice(0, 3)} ${compact.slice(3)}`;
}

/** `613 580 2424`, `(613) 580-2424`, `+1 613.580.2424` → `613-580-2424`; null unless 10-digit NANP. */
export function normalizePhone(raw: string): string | null {
  if (!/^[\d\s().+-]*$/.test(raw)) return null;
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

const text = (field: ProfileField, max: number, required = false) =>
  z
    .string()
    .transform((v) => v.trim())
    .superRefine((v, ctx) => {
      if (required && !v) ctx.addIssue({ code: 'custom', message: key(field, 'required') });
      else if ([...v].length > max)
        ctx.addIssue({ code: 'custom', message: key(field, 'tooLong') });
      else if (hasHiddenCharacters(v)) {
        // Controls, bidirectional controls, line and paragraph separators (VAL-01).
        ctx.addIssue({ code: 'custom', message: key(field, 'invalid') });
      }
    });

const choice = <T extends readonly string[]>(field: ProfileField, values: T, required: boolean) =>
  z.string().superRefine((v, ctx) => {
    if (!v) {
      if (required) ctx.addIssue({ code: 'custom', message: key(field, 'required') });
    } else if (!values.includes(v)) {
      ctx.addIssue({ code: 'custom', message: key(field, 'invalid') });
    }
  });

const extension = (field: ProfileField) =>
  z
    .string()
    .transform((v) => v.trim())
    .refine((v) => v === '' || /^\d{1,6}$/.test(v), { message: key(field, 'invalid') });

const phone = (field: 'phone' | 'secondaryPhone', required: boolean) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (!value) {
      if (required) ctx.addIssue({ code: 'custom', message: key(field, 'required') });
      return '';
    }
    const normalized = normalizePhone(value);
    if (!normalized) ctx.addIssue({ code: 'custom', message: key(field, 'invalid') });
    return normalized ?? value;
  });

/**
 * Whether the cross-field check below may run: with `when`, zod runs it even after a type error,
 * so it must see an object whose postal code, country and province are strings (or absent).
 * Otherwise (`null`, a number for a postal code…) it would throw instead of returning issues.
 */
function crossFieldsAreText(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (['postalCode', 'country', 'province'] as const).every(
    (f) => fields[f] === undefined || typeof fields[f] === 'string',
  );
}

type CrossFields = { country: string; postalCode: string; province: string };

/** The profile's fields, each with its own rules. */
const profileShape = {
  title: choice('title', TITLES, false),
  firstName: text('firstName', 100, true),
  lastName: text('lastName', 100, true),
  communicationLanguage: choice('communicationLanguage', LANGUAGES, true),
  unit: text('unit', 20),
  address1: text('address1', 200),
  address2: text('address2', 200),
  city: text('city', 100),
  country: choice('country', COUNTRIES, false),
  province: choice('province', PROVINCES, false),
  postalCode: text('postalCode', 20),
  phone: phone('phone', true),
  phoneExtension: extension('phoneExtension'),
  secondaryPhone: phone('secondaryPhone', false),
  secondaryPhoneExtension: extension('secondaryPhoneExtension'),
};

/**
 * "Renseignements du profil personnel", checked on the server (VAL-01), with `extra` fields of
 * the form that carries it (the consent checkbox). `.strict()` refuses any field the form doesn't
 * have (AUTHZ-04: no userId, role or state can ride along). Every field is checked even when
 * another fails, so all errors show at once.
 * Output: trimmed values, normalized postal code and phones, '' for empty optional fields.
 */
export function profileFormSchema<E extends z.ZodRawShape>(extra: E) {
  return z
    .object({ ...profileShape, ...extra })
    .strict()
    .superRefine(
      (value, ctx) => {
        const input = value as CrossFields;
        const inCanada = (input.country || 'CA') === 'CA';
        if (input.postalCode) {
          const ok = inCanada
            ? normalizePostalCode(input.postalCode) !== null
            : /^[A-Za-z0-9 -]{2,12}$/.test(input.postalCode);
          if (!ok) {
            ctx.addIssue({
              code: 'custom',
              path: ['postalCode'],
              message: key('postalCode', 'invalid'),
            });
          }
        }
        if (
          input.province &&
          !inCanada &&
          (PROVINCES as readonly string[]).includes(input.province)
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['province'],
            message: key('province', 'outsideCanada'),
          });
        }
        // `when`: run even when another field failed, so every error shows at once.
      },
      { when: ({ value }) => crossFieldsAreText(value) },
    )
    .transform((input) => {
      const { country: given, postalCode: typed } = input as CrossFields;
      const country = given || 'CA';
      const postalCode = country === 'CA' && typed ? (normalizePostalCode(typed) ?? typed) : typed;
      return { ...input, country, postalCode };
    });
}

export const profileSchema = profileFormSchema({});

export type ProfileInput = z.output<typeof profileSchema>;

/** A validated profile as table columns: empty optional fields become null. */
export function profileColumns(p: ProfileInput) {
  return {
    title: p.title || null,
    firstName: p.firstName,
    lastName: p.lastName,
    communicationLanguage: p.communicationLanguage as (typeof LANGUAGES)[number],
    unit: p.unit || null,
    address1: p.address1 || null,
    address2: p.address2 || null,
    city: p.city || null,
    province: p.province || null,
    postalCode: p.postalCode || null,
    country: p.country || null,
    phone: p.phone,
    phoneExtension: p.phoneExtension || null,
    secondaryPhone: p.secondaryPhone || null,
    secondaryPhoneExtension: p.secondaryPhoneExtension || null,
  };
}

/** Stored profile columns as today's values: a former title reads as the one that replaced it. */
export function storedProfile<R extends Record<ProfileField, string | null>>(row: R): R {
  const title = row.title && FORMER_TITLES[row.title];
  return title ? { ...row, title } : row;
}

/** Stored profile columns back to form values ('' for null), e.g. to pre-fill a form. */
export function profileFormValues(
  row: Record<ProfileField, string | null>,
): Record<ProfileField, string> {
  const profile = storedProfile(row);
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, profile[f] ?? ''])) as Record<
    ProfileField,
    string
  >;
}

/**
 * A form's first values: Ontario when no province is chosen and the country is Canada (or not
 * chosen, which means Canada). Only for a form's first display, never after a submit, where the
 * person's answers are shown as they sent them.
 */
export function withProvinceDefault<V extends Partial<Record<ProfileField, string>>>(values: V): V {
  const inCanada = (values.country || 'CA') === 'CA';
  return inCanada && !values.province ? { ...values, province: 'ON' } : values;
}
