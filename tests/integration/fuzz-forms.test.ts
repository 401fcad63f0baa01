import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { and, eq, like, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { activateAccount } from '@/lib/accounts/activate-account';
import { APPLICATION_TYPES, formSteps } from '@/lib/applications/catalogue';
import { stepSchema } from '@/lib/applications/step-schema';
import { authenticate } from '@/lib/accounts/authenticate';
import { changePassword } from '@/lib/accounts/change-password';
import { saveContactDetails } from '@/lib/accounts/contact-details';
import { createAccount } from '@/lib/accounts/create-account';
import { emailError, normalizeEmail } from '@/lib/accounts/email-address';
import { emailChangeSchema, requestEmailChange } from '@/lib/accounts/request-email-change';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resendActivation } from '@/lib/accounts/resend-activation';
import { inspectResetLink, resetPassword } from '@/lib/accounts/reset-password';
import { findOneTimeLink } from '@/lib/accounts/one-time-link';
import {
  activateSchema,
  createAccountSchema,
  emailOnlySchema,
  loginSchema,
  newPasswordSchema,
} from '@/lib/accounts/schemas';
import { issueClientPin } from '@/lib/clients/issue-client-pin';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { normalizePin } from '@/lib/clients/pin';
import {
  oneTimeLinks,
  buildingRegistrations,
  consents,
  contactDetails,
  emailOutbox,
  loginThrottles,
  pinLockouts,
  rateLimits,
  users,
} from '@/lib/db/schema';
import { deliverPending, enqueueEmail } from '@/lib/email/outbox';
import { assertSafeAddress } from '@/lib/email/render';
import { fieldErrorsFrom, textFields } from '@/lib/forms/form-state';
import { giveConsent } from '@/lib/registration/give-consent';
import {
  COUNTRIES,
  LANGUAGES,
  PROFILE_FIELDS,
  PROVINCES,
  TITLES,
  profileColumns,
  profileSchema,
} from '@/lib/registration/profile-schema';
import { hashPassword } from '@/lib/security/password-hash';
import { normalizePassword, passwordError } from '@/lib/security/password-policy';
import { hashToken, newToken } from '@/lib/security/tokens';
import { GOOD_PASSWORD, nextIp, testDeps } from '../helpers/accounts';
import { createTestDb, type TestDb } from '../helpers/db';
import { PROFILE } from '../helpers/registration';
import { fastSinkTransport, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 5, hostile input: property-based tests (fast-check) over every form of the portal.
 *
 * For each form, two kinds of property:
 * - the zod schema (or the PIN parser) on generated input, SCHEMA_RUNS = 10 000 runs each: it never
 *   throws (it only returns issues), every issue a person can see is a message key present in both
 *   locales, and whatever passes obeys the rules the rest of the code relies on;
 * - the domain function, called with whatever passed, as the form's action calls it: it never
 *   throws, its result is the one the input deserves, and it never leaves a half-written row
 *   (row counts before and after, plus the cross-table invariants of `expectConsistent`).
 *   These hit the database, and most of them argon2 (~30 ms a hash or a verification): they run
 *   DB_RUNS = 200 times when no password is hashed, HASH_RUNS = 100 times when one or two are, so
 *   the file takes ~30 s on 2 idle cores (~45 s when busy); 10 000 argon2 runs per form would take
 *   minutes each. Runs whose input the schema refuses are discarded (fc.pre), so these numbers
 *   count calls of the domain function.
 *
 * Generated input: overlong strings (up to 10 000 characters), C0/C1 controls, CR/LF, Unicode
 * separators and bidi controls, zero-width characters, combining marks, confusables (Cyrillic,
 * fullwidth, mathematical letters, ligatures, Turkish İ), lone surrogates, emoji sequences, header
 * and SQL syntax; wrong types (numbers, arrays, objects, null) given to the schema directly and
 * through FormData's string coercion (what a browser or curl can really send), missing fields,
 * duplicated fields, files in place of text, and extra fields.
 */
const SCHEMA_RUNS = 10_000;
const DB_RUNS = 200;
const HASH_RUNS = 100;
const SMTP_RUNS = 100;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const CONTROLS = [
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\t',
  '\v',
  '\f',
  '\b',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u00a0',
  '\u3000',
];
const COMBINING = ['\u0301', '\u0300', '\u0308', '\u0327', '\u0338', '\u20dd', '\u0489'];
const CONFUSABLES = [
  'а', // Cyrillic a
  'е',
  'о',
  'р',
  'с',
  'і',
  'ј',
  'ԁ',
  'ɡ',
  'Ａ', // fullwidth
  'ｅ',
  '０',
  'ℯ',
  '𝐚', // mathematical bold (astral)
  'ﬁ', // ligature
  'Ⅸ',
  'K', // Kelvin sign
  'ß',
  'İ',
  'ı',
  'ǅ',
  '＠',
  '．',
  '。',
  '﹫',
];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
const SYNTAX = [
  '@',
  '@@',
  '.',
  '..',
  '<',
  '>',
  '"',
  "'",
  '\\',
  ';',
  ',',
  ':',
  '\r\nBcc: x@y',
  'Bcc: x@y',
  '%0d%0a',
  '=?utf-8?q?',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '${x}',
  '{{x}}',
  '__proto__',
  'constructor',
];
const EMOJI = ['😀', '👩‍👩‍👧', '🏳️‍🌈', '🇨🇦'];

/** One hostile fragment. */
const piece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...CONTROLS, ...COMBINING, ...CONFUSABLES, ...SURROGATES, ...SYNTAX, ...EMOJI),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Up to 10 000 characters: a fragment repeated, cut anywhere (a surrogate pair may be split). */
const overlong: fc.Arbitrary<string> = fc
  .tuple(
    fc
      .array(piece, { minLength: 1, maxLength: 3 })
      .map((p) => p.join(''))
      .filter((s) => s.length > 0),
    fc.integer({ min: 129, max: 10_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 10 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: overlong },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r\n', '\u00a0') },
);

type Edit = [
  'insert' | 'replace' | 'prepend' | 'append' | 'upper' | 'lower' | 'nfd',
  number,
  string,
];

function applyEdit(s: string, [kind, at, p]: Edit): string {
  const i = at % (s.length + 1);
  switch (kind) {
    case 'insert':
      return s.slice(0, i) + p + s.slice(i);
    case 'replace':
      return s.slice(0, i) + p + s.slice(i + 1);
    case 'prepend':
      return p + s;
    case 'append':
      return s + p;
    case 'upper':
      return s.toUpperCase();
    case 'lower':
      return s.toLowerCase();
    case 'nfd':
      return s.normalize('NFD');
  }
}

/** A valid value with one to three hostile edits. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.constantFrom('insert', 'replace', 'prepend', 'append', 'upper', 'lower', 'nfd'),
    fc.nat(),
    piece,
  ) as fc.Arbitrary<Edit>;
  return fc
    .tuple(base, fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([s, edits]) => edits.reduce(applyEdit, s));
}

/** Values a schema may be handed directly (a JSON body, a bug): not only strings. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.bigInt(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.date(),
);

/** What FormData can coerce to a string (an object whose toString is not a function cannot). */
function coercible(value: unknown): boolean {
  try {
    String(value);
    return true;
  } catch {
    return false;
  }
}

const EXTRA_FIELDS = [
  'userId',
  'role',
  'status',
  'registrationComplete',
  'sessionVersion',
  'email_verified',
  '__proto__',
  'constructor',
  '$ACTION_ID_x',
];

/** A form as submitted: each field is present, missing, duplicated, or a file. */
type Submitted = Array<[string, string | number | boolean | object | Blob]>;

function toFormData(entries: Submitted): FormData {
  const form = new FormData();
  // FormData converts every non-Blob value to a string, as a browser's form submission would.
  for (const [name, value] of entries) form.append(name, value as string | Blob);
  return form;
}

/**
 * Input for a form with `fields`: either raw (handed to the schema as is: any types, missing and
 * extra keys, or not an object at all) or submitted (a FormData read with textFields, exactly as
 * the form's action reads it). `value(field)` says what a field's text usually is.
 */
function formInput<F extends string>(
  fields: readonly F[],
  value: (field: F) => fc.Arbitrary<string>,
): fc.Arbitrary<{ raw: unknown } | { form: FormData }> {
  const raw = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.record(
            Object.fromEntries(fields.map((f) => [f, fc.oneof(value(f), wrongType)])) as Record<
              F,
              fc.Arbitrary<unknown>
            >,
            { requiredKeys: [] },
          ),
          fc.dictionary(fc.constantFrom(...EXTRA_FIELDS), fc.anything(), { maxKeys: 2 }),
        )
        .map(([known, extra]) => ({ ...extra, ...known })),
    },
    { weight: 1, arbitrary: fc.anything() },
  );
  const entry = (f: F): fc.Arbitrary<Submitted> =>
    fc.oneof(
      { weight: 8, arbitrary: value(f).map((v): Submitted => [[f, v]]) },
      { weight: 1, arbitrary: fc.constant<Submitted>([]) },
      {
        weight: 1,
        arbitrary: fc.tuple(value(f), value(f)).map(([a, b]): Submitted => [
          [f, a],
          [f, b],
        ]),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object())
          .filter(coercible)
          .map((v): Submitted => [[f, v as object]]),
      },
      { weight: 1, arbitrary: fc.constant<Submitted>([[f, new Blob(['x'])]]) },
    );
  const submitted = fc
    .tuple(
      fc.tuple(...fields.map(entry)),
      fc.array(fc.tuple(fc.constantFrom(...EXTRA_FIELDS), hostileText), { maxLength: 2 }),
    )
    .map(([parts, extra]) => ({ form: toFormData([...parts.flat(), ...extra]) }));
  return fc.oneof(
    raw.map((r) => ({ raw: r })),
    submitted,
  );
}

/** A valid value most of the time, otherwise a mutation of it or hostile text. */
function usually(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 3, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: hostileText },
  );
}

const localPart = fc.stringMatching(/^[a-z0-9]{1,8}(\.[a-z0-9]{1,8})?$/);
const domain = fc.constantFrom('example.ca', 'ottawa.ca', 'xn--mnchen-3ya.de', 'mail.example.org');
const validEmail = fc.tuple(localPart, domain).map(([l, d]) => `${l}@${d}`);
/** An address with a non-ASCII letter in its local part: refused (REG-03, ASCII local parts). */
const unicodeEmail = fc
  .tuple(localPart, fc.constantFrom('é', 'ü', 'ç', 'ñ', 'ø', 'ß'), domain)
  .map(([l, u, d]) => `${l}${u}@${d}`);
const emailText = fc.oneof(
  { weight: 4, arbitrary: validEmail },
  { weight: 1, arbitrary: unicodeEmail },
  { weight: 3, arbitrary: mutated(validEmail) },
  { weight: 2, arbitrary: hostileText },
);

const PASSPHRASES = [
  'violet tambour quinze nuages',
  'Mot de passe été ✓✓ 2025',
  'rivière lente sous la neige',
  'quatre chats gris dorment',
];
/** A new password: a passphrase with hostile pieces added (usually still valid), or anything. */
const newPassword = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...PASSPHRASES), fc.array(piece, { maxLength: 3 }))
      .map(([base, extra]) => base + extra.join('')),
  },
  { weight: 2, arbitrary: mutated(fc.constantFrom(...PASSPHRASES)) },
  { weight: 2, arbitrary: hostileText },
);
/** What a person types as their current password: right, nearly right, or anything. */
const currentPassword = fc.oneof(
  { weight: 3, arbitrary: fc.constant(GOOD_PASSWORD) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      GOOD_PASSWORD.toUpperCase(),
      `${GOOD_PASSWORD} `,
      ` ${GOOD_PASSWORD}`,
      GOOD_PASSWORD.slice(0, -1),
      GOOD_PASSWORD.replace('a', 'а'),
      GOOD_PASSWORD.replace('a', 'ａ'), // fullwidth: NFKC makes it the same password (PWD-05)
      GOOD_PASSWORD.replace(' ', '\u00a0'), // no-break space: NFKC makes it a space
      `${GOOD_PASSWORD}\u200b`,
    ),
  },
  { weight: 3, arbitrary: mutated(fc.constant(GOOD_PASSWORD)) },
  { weight: 2, arbitrary: hostileText },
);
const samePassword = (a: string, b: string) => normalizePassword(a) === normalizePassword(b);

/** A profile form: every field valid except zero to three, which are mutated or hostile. */
const PROFILE_VALID = PROFILE as Record<(typeof PROFILE_FIELDS)[number], string>;
const profileText = (field: (typeof PROFILE_FIELDS)[number]) =>
  usually(fc.constant(PROFILE_VALID[field]));
const mostlyValidProfile = fc
  .tuple(
    fc.subarray([...PROFILE_FIELDS], { maxLength: 3 }),
    fc.array(
      fc.tuple(fc.constantFrom('append', 'prepend', 'replace', 'empty', 'upper'), hostileText),
      { minLength: 3, maxLength: 3 },
    ),
  )
  .map(([perturbed, changes]) => {
    const out: Record<string, string> = { ...PROFILE_VALID };
    perturbed.forEach((field, i) => {
      const [kind, text] = changes[i]!;
      const valid = PROFILE_VALID[field];
      out[field] =
        kind === 'append'
          ? valid + text
          : kind === 'prepend'
            ? text + valid
            : kind === 'replace'
              ? text
              : kind === 'empty'
                ? ''
                : valid.toUpperCase();
    });
    return out;
  });

// ---------------------------------------------------------------------------------------------
// Checks shared by the properties
// ---------------------------------------------------------------------------------------------

function messageExists(key: string): boolean {
  const lookup = (messages: unknown) =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
  return typeof lookup(fr) === 'string' && typeof lookup(en) === 'string';
}

/**
 * Parses `input` as the form's action would and checks the schema's contract: no throw; issues
 * only (and for a submitted form, every issue on a field the page shows is a message key in both
 * locales). Returns the parsed data when it passed.
 */
function parseForm<S extends z.ZodType, F extends string>(
  schema: S,
  fields: readonly F[],
  shown: readonly F[],
  input: { raw: unknown } | { form: FormData },
): z.output<S> | undefined {
  const value = 'raw' in input ? input.raw : textFields(input.form, fields);
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(value) as ReturnType<S['safeParse']>;
  } catch (error) {
    throw new Error(`the schema threw instead of returning issues: ${String(error)}`);
  }
  if (result.success) return result.data as z.output<S>;
  expect(result.error.issues.length).toBeGreaterThan(0);
  if ('form' in input) {
    const errors = fieldErrorsFrom<F>(result.error);
    for (const field of shown) {
      const key = errors[field];
      if (key !== undefined && !messageExists(key)) {
        throw new Error(`field ${field}: "${key}" is not a message key of both locales`);
      }
    }
  }
  return undefined;
}

/** Controls, bidirectional controls, line and paragraph separators: never kept (VAL-01, REG-03). */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const HEADER_BREAK = /[\r\n\u0000]/;

/** What an email that passed an email field is like: normalized, it is safe for a header. */
function expectSafeEmail(raw: string) {
  expect(emailError(raw)).toBeNull();
  const email = normalizeEmail(raw);
  expect(email).not.toMatch(HIDDEN);
  // REG-03: the local part is ASCII (no SMTPUTF8, no mixed-script look-alikes).
  expect(email).toMatch(/^[\x21-\x7e]+$/);
  expect(() => assertSafeAddress(email)).not.toThrow();
}

// ---------------------------------------------------------------------------------------------
// Schemas: 10 000 runs each
// ---------------------------------------------------------------------------------------------

describe(`form schemas on hostile input (${SCHEMA_RUNS} runs each)`, () => {
  const opts = { numRuns: SCHEMA_RUNS };

  it('create account (createAccountSchema)', () => {
    const fields = ['email', 'emailConfirm', 'password', 'passwordConfirm', 'acceptTerms'] as const;
    const value = (f: (typeof fields)[number]) =>
      f === 'acceptTerms'
        ? fc.oneof(fc.constantFrom('on', 'true', 'ON', 'yes', '1', ''), hostileText)
        : f.startsWith('email')
          ? emailText
          : newPassword;
    fc.assert(
      fc.property(formInput(fields, value), (input) => {
        const data = parseForm(createAccountSchema, fields, fields, input);
        if (!data) return;
        expectSafeEmail(data.email);
        expect(normalizeEmail(data.emailConfirm)).toBe(normalizeEmail(data.email));
        expect(passwordError(data.password, { email: data.email })).toBeNull();
        expect(data.passwordConfirm).toBe(data.password);
        expect(['on', 'true']).toContain(data.acceptTerms);
      }),
      opts,
    );
  });

  it('login (loginSchema)', () => {
    const fields = ['email', 'password'] as const;
    fc.assert(
      fc.property(
        formInput(fields, (f) => (f === 'email' ? emailText : currentPassword)),
        (input) => {
          const data = parseForm(loginSchema, fields, fields, input);
          if (!data) return;
          expect(data.email).toBe(data.email.trim());
          expect(data.email.length).toBeGreaterThan(0);
          // zod counts code points, not UTF-16 units.
          expect([...data.email].length).toBeLessThanOrEqual(254);
          expect([...data.password].length).toBeLessThanOrEqual(1024);
        },
      ),
      opts,
    );
  });

  it('activate (activateSchema)', () => {
    const fields = ['token', 'password'] as const;
    fc.assert(
      fc.property(
        formInput(fields, (f) =>
          f === 'token' ? usually(fc.constant(newToken())) : currentPassword,
        ),
        (input) => {
          // The page shows the password's error only: the token is a hidden field.
          const data = parseForm(activateSchema, fields, ['password'], input);
          if (!data) return;
          expect([...data.token].length).toBeLessThanOrEqual(200);
          expect(data.password.length).toBeGreaterThan(0);
          expect([...data.password].length).toBeLessThanOrEqual(1024);
        },
      ),
      opts,
    );
  });

  it('resend activation and forgot password (emailOnlySchema)', () => {
    const fields = ['email'] as const;
    fc.assert(
      fc.property(
        formInput(fields, () => emailText),
        (input) => {
          const data = parseForm(emailOnlySchema, fields, fields, input);
          if (data) expectSafeEmail(data.email);
        },
      ),
      opts,
    );
  });

  it('reset password and change password (newPasswordSchema)', () => {
    const fields = ['password', 'passwordConfirm'] as const;
    fc.assert(
      fc.property(
        formInput(fields, () => newPassword),
        validEmail,
        (input, email) => {
          const data = parseForm(newPasswordSchema({ email }), fields, fields, input);
          if (!data) return;
          expect(passwordError(data.password, { email })).toBeNull();
          expect(data.passwordConfirm).toBe(data.password);
        },
      ),
      opts,
    );
  });

  it('consent and contact details (profileSchema)', () => {
    const input = fc.oneof(
      formInput(PROFILE_FIELDS, profileText),
      mostlyValidProfile.map((p) => ({ form: toFormData(Object.entries(p)) })),
    );
    fc.assert(
      fc.property(input, (submitted) => {
        const data = parseForm(profileSchema, PROFILE_FIELDS, PROFILE_FIELDS, submitted);
        if (!data) return;
        for (const field of PROFILE_FIELDS) {
          const v = data[field];
          expect(typeof v).toBe('string');
          // VAL-01, MAIL-01: no control character (CR/LF included), bidirectional control or
          // line/paragraph separator survives in any field.
          expect(v).not.toMatch(HIDDEN);
        }
        for (const name of [data.firstName, data.lastName]) {
          expect(name.length).toBeGreaterThan(0);
          expect([...name].length).toBeLessThanOrEqual(100);
        }
        expect(data.phone).toMatch(/^[2-9]\d{2}-[2-9]\d{2}-\d{4}$/);
        expect(['', ...TITLES]).toContain(data.title);
        expect(LANGUAGES).toContain(data.communicationLanguage);
        expect(['', ...PROVINCES]).toContain(data.province);
        expect(COUNTRIES).toContain(data.country);
        if (data.country === 'CA' && data.postalCode) {
          expect(data.postalCode).toMatch(/^[A-Z]\d[A-Z] \d[A-Z]\d$/);
        }
      }),
      opts,
    );
  });

  it('every step of every application type (stepSchema, from the catalogue)', () => {
    for (const type of APPLICATION_TYPES) {
      for (const step of formSteps(type)) {
        const keys = step.fields.map((f) => f.key);
        const valid = (key: string): fc.Arbitrary<string> => {
          const field = step.fields.find((f) => f.key === key)!;
          switch (field.kind) {
            case 'choice':
              return fc.constantFrom(...field.options);
            case 'integer':
              return fc.integer({ min: -5, max: 1_000 }).map(String);
            case 'decimal':
              return fc.double({ min: -1, max: 200_000, noNaN: true }).map((n) => n.toFixed(2));
            case 'money':
              return fc.constantFrom('250 000', '1,000.50', '98', '0', '1e9', '10000000000000000');
            default:
              return fc.constantFrom('110', 'K1P 1J1', '613 580 2424', 'a@example.ca', 'Maison');
          }
        };
        fc.assert(
          fc.property(
            formInput(keys, (f) => usually(valid(f))),
            (submitted) => {
              const data = parseForm(stepSchema(step), keys, keys, submitted);
              if (!data) return;
              for (const field of step.fields) {
                const v = data[field.key];
                if (typeof v === 'number') {
                  expect(Number.isFinite(v)).toBe(true);
                  if (field.kind === 'money') {
                    expect(Number.isSafeInteger(v)).toBe(true);
                    expect(v).toBeGreaterThanOrEqual(field.minCents);
                    expect(v).toBeLessThanOrEqual(field.maxCents);
                  }
                  continue;
                }
                expect(typeof v).toBe('string');
                const text = field.kind === 'text' && field.multiline ? v!.replace(/\n/g, '') : v!;
                expect(text).not.toMatch(HIDDEN);
                if (field.kind === 'choice' && v) expect(field.options).toContain(v);
              }
            },
          ),
          { ...opts, numRuns: Math.ceil(SCHEMA_RUNS / 10) },
        );
      }
    }
  });

  it('email change (emailChangeSchema)', () => {
    const fields = ['newEmail', 'newEmailConfirm', 'currentPassword'] as const;
    fc.assert(
      fc.property(
        formInput(fields, (f) => (f === 'currentPassword' ? currentPassword : emailText)),
        (input) => {
          const data = parseForm(emailChangeSchema, fields, fields, input);
          if (!data) return;
          expectSafeEmail(data.newEmail);
          expect(normalizeEmail(data.newEmailConfirm)).toBe(normalizeEmail(data.newEmail));
          expect(data.currentPassword.length).toBeGreaterThan(0);
          expect(data.currentPassword.length).toBeLessThanOrEqual(1024);
        },
      ),
      opts,
    );
  });

  it('PIN link (normalizePin, the PIN form has no other parser)', () => {
    const pinText = usually(
      fc.constantFrom('ABCD-EFGH', 'abcd efgh', '0O1I-LL10', ' 7K3M-9QXZ ', 'ZZZZZZZZ'),
    );
    fc.assert(
      fc.property(fc.oneof(pinText, wrongType.filter(coercible)), (raw) => {
        // The action reads the field from FormData with textFields: always a string.
        const form = raw === undefined ? new FormData() : toFormData([['pin', raw as string]]);
        const parsed = normalizePin(textFields(form, ['pin'] as const).pin);
        if ('pin' in parsed) expect(parsed.pin).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
        else expect(messageExists(`Pin.errors.${parsed.error}`)).toBe(true);
      }),
      opts,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Domain functions: what passed the schema, through the function the action calls
// ---------------------------------------------------------------------------------------------

describe('domain functions on whatever passed the schema', () => {
  let t: TestDb;
  let deps: ReturnType<typeof testDeps>;
  /** One argon2 hash of GOOD_PASSWORD, for accounts inserted directly (no hashing per run). */
  let goodHash: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestDb();
    deps = testDeps(t.db);
    goodHash = await hashPassword(GOOD_PASSWORD);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.delete(loginThrottles);
  });

  async function insertUser(
    status: 'active' | 'pending' = 'active',
    email = `fuzz.${++seq}@example.ca`,
  ): Promise<{ id: string; email: string }> {
    const [user] = await t.db
      .insert(users)
      .values({
        email,
        passwordHash: goodHash,
        status,
        locale: 'fr',
        termsVersion: '2026-11-01',
        acceptedTermsAt: deps.now(),
        activatedAt: status === 'active' ? deps.now() : null,
      })
      .returning({ id: users.id, email: users.email });
    return user!;
  }

  async function count(table: PgTable, where?: SQL): Promise<number> {
    const [row] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(where);
    return row?.n ?? 0;
  }

  /**
   * Invariants no transaction may break, whatever the input: a pending account always has an
   * activation link; at most one live link of each kind per account; a registration always has
   * its consent and the other way round; a linked client record is linked on both sides; stored
   * addresses are normalized and every recipient and profile field is free of control characters.
   */
  async function expectConsistent() {
    const result = await t.db.execute(sql`
      select
        (select count(*) from users u where u.status = 'pending' and not exists
          (select 1 from one_time_links a where a.kind = 'activation' and a.user_id = u.id)
        )::int as "pendingWithoutLink",
        (select count(*) from (select user_id from one_time_links where kind = 'activation'
          and used_at is null and superseded_at is null group by user_id having count(*) > 1) x
        )::int as "severalLiveActivationLinks",
        (select count(*) from (select user_id from one_time_links where kind = 'password_reset'
          and used_at is null and superseded_at is null group by user_id having count(*) > 1) x
        )::int as "severalLiveResetLinks",
        (select count(*) from (select user_id from one_time_links where kind = 'email_change'
          and used_at is null and superseded_at is null group by user_id having count(*) > 1) x
        )::int as "severalLiveEmailChangeLinks",
        (select count(*) from building_registrations r where not exists
          (select 1 from consents c where c.user_id = r.user_id))::int as "registrationWithoutConsent",
        (select count(*) from consents c where not exists
          (select 1 from building_registrations r where r.user_id = c.user_id))::int as "consentWithoutRegistration",
        (select count(*) from client_records
          where (linked_user_id is null) <> (pin_used_at is null))::int as "halfLinkedRecord",
        (select count(*) from building_registrations r where r.client_record_choice = 'linked'
          and not exists (select 1 from client_records c where c.linked_user_id = r.user_id)
        )::int as "linkedWithoutRecord",
        (select count(*) from users where email ~ '[A-Z[:cntrl:]]' or email <> btrim(email)
        )::int as "unnormalizedEmail",
        (select count(*) from one_time_links where new_email ~ '[A-Z[:cntrl:]]'
        )::int as "unnormalizedNewEmail",
        (select count(*) from email_outbox where to_address ~ '[[:cntrl:]]')::int as "unsafeRecipient",
        (select count(*) from building_registrations r where not exists
          (select 1 from contact_details d where d.user_id = r.user_id))::int as "registrationWithoutDetails",
        (select count(*) from contact_details d where not exists
          (select 1 from contact_details_changes h where h.user_id = d.user_id))::int as "detailsWithoutChangeRecord",
        (select count(*) from contact_details where concat_ws('|', first_name, last_name,
          unit, address1, address2, city, postal_code, phone) ~ '[[:cntrl:]]')::int as "controlInContactDetails"
    `);
    const [row] = (result as unknown as { rows: Array<Record<string, number>> }).rows;
    expect(row).toEqual(Object.fromEntries(Object.keys(row ?? {}).map((k) => [k, 0])));
  }

  const mailsTo = (email: string, template?: string) =>
    count(
      emailOutbox,
      template
        ? and(eq(emailOutbox.toAddress, email), eq(emailOutbox.template, template))
        : eq(emailOutbox.toAddress, email),
    );

  it(`create account: createAccount never throws and creates whole accounts (${HASH_RUNS} runs)`, async () => {
    const fields = ['email', 'emailConfirm', 'password', 'passwordConfirm', 'acceptTerms'] as const;
    const form = fc
      .tuple(
        emailText,
        fc.constantFrom('same', 'same', 'upper', 'spaced', 'other'),
        newPassword,
        fc.boolean(),
      )
      .map(([email, confirm, password, mismatch]) => ({
        email,
        emailConfirm:
          confirm === 'same'
            ? email
            : confirm === 'upper'
              ? email.toUpperCase()
              : confirm === 'spaced'
                ? ` ${email} `
                : 'other@example.ca',
        password,
        passwordConfirm: mismatch ? `${password}!` : password,
        acceptTerms: 'on',
      }));
    let created = 0;
    await fc.assert(
      fc.asyncProperty(form, async (submitted) => {
        const data = parseForm(createAccountSchema, fields, fields, {
          form: toFormData(Object.entries(submitted)),
        });
        fc.pre(data !== undefined);
        const email = normalizeEmail(data.email);
        const existed = (await count(users, eq(users.email, email))) === 1;
        const before = { users: await count(users), mails: await mailsTo(email) };
        const result = await createAccount(deps, {
          email: data.email,
          password: data.password,
          locale: 'fr',
          termsVersion: '2026-11-01',
          ip: nextIp(),
        });
        expect(result).toBe('ok');
        expect(await count(users)).toBe(before.users + (existed ? 0 : 1));
        const [user] = await t.db.select().from(users).where(eq(users.email, email));
        expect(user).toBeDefined();
        if (!existed) {
          created++;
          expect(await count(oneTimeLinks, eq(oneTimeLinks.userId, user!.id))).toBe(1);
          expect(await mailsTo(email, 'activation')).toBe(before.mails + 1);
        }
        await expectConsistent();
      }),
      { numRuns: HASH_RUNS },
    );
    // The generator is not so hostile that nothing ever gets through.
    expect(created).toBeGreaterThan(HASH_RUNS / 10);
  }, 120_000);

  it(`login: authenticate never throws and signs in only with the exact account and password (${HASH_RUNS} runs)`, async () => {
    const account = 'fuzz.login@example.ca';
    await insertUser('active', account);
    const email = fc.oneof(
      { weight: 3, arbitrary: fc.constant(account) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          ' FUZZ.Login@Example.CA ',
          `${account}\t`,
          'ｆuzz.login@example.ca',
          'fuzz.lоgin@example.ca',
          'fuzz.login@examplе.ca',
          'fuzz\u200b.login@example.ca',
          'FUZZ.LOGİN@EXAMPLE.CA',
          `${account}\u0000`,
          `${account}\r\nBcc: x@y`,
        ),
      },
      { weight: 2, arbitrary: mutated(fc.constant(account)) },
      { weight: 2, arbitrary: hostileText },
    );
    const fields = ['email', 'password'] as const;
    let signedIn = 0;
    await fc.assert(
      fc.asyncProperty(email, currentPassword, async (typedEmail, password) => {
        await t.db.delete(loginThrottles);
        const data = parseForm(loginSchema, fields, fields, {
          form: toFormData([
            ['email', typedEmail],
            ['password', password],
          ]),
        });
        fc.pre(data !== undefined);
        const result = await authenticate(deps, { ...data, ip: nextIp() });
        const right =
          normalizeEmail(data.email) === account && samePassword(data.password, GOOD_PASSWORD);
        expect(result.status).toBe(right ? 'ok' : 'invalid');
        if (right) signedIn++;
      }),
      { numRuns: HASH_RUNS },
    );
    expect(signedIn).toBeGreaterThan(0);
  }, 120_000);

  it(`activate: activateAccount never throws and activates only with the exact link and password (${HASH_RUNS} runs)`, async () => {
    const fields = ['token', 'password'] as const;
    const tokenEdit = fc.oneof(
      { weight: 5, arbitrary: fc.constant<Edit | null>(null) },
      {
        weight: 5,
        arbitrary: fc.tuple(
          fc.constantFrom('insert', 'replace', 'prepend', 'append', 'upper', 'lower'),
          fc.nat(),
          piece,
        ) as fc.Arbitrary<Edit>,
      },
    );
    await fc.assert(
      fc.asyncProperty(tokenEdit, currentPassword, async (edit, password) => {
        const token = newToken();
        const typed = edit ? applyEdit(token, edit) : token;
        const data = parseForm(activateSchema, fields, ['password'], {
          form: toFormData([
            ['token', typed],
            ['password', password],
          ]),
        });
        fc.pre(data !== undefined);
        const user = await insertUser('pending');
        await t.db.insert(oneTimeLinks).values({
          kind: 'activation',
          userId: user.id,
          tokenHash: hashToken(token),
          createdAt: deps.now(),
          expiresAt: new Date(deps.now().getTime() + 3_600_000),
        });
        const result = await activateAccount(deps, { ...data, ip: nextIp() });
        const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
        if (data.token !== token) {
          expect(result.status).toBe('not_found');
        } else {
          expect(result.status).toBe(
            samePassword(data.password, GOOD_PASSWORD) ? 'activated' : 'invalid_password',
          );
        }
        expect(after?.status).toBe(result.status === 'activated' ? 'active' : 'pending');
        await expectConsistent();
      }),
      { numRuns: HASH_RUNS },
    );
  }, 120_000);

  it(`resend activation: resendActivation never throws and mails only a pending account (${DB_RUNS} runs)`, async () => {
    const pending = await insertUser('pending', 'fuzz.pending@example.ca');
    await t.db.insert(oneTimeLinks).values({
      kind: 'activation',
      userId: pending.id,
      tokenHash: hashToken(newToken()),
      expiresAt: new Date(deps.now().getTime() + 3_600_000),
    });
    const email = fc.oneof(fc.constant(' Fuzz.Pending@Example.CA'), emailText);
    let resent = 0;
    await fc.assert(
      fc.asyncProperty(email, async (typed) => {
        const data = parseForm(emailOnlySchema, ['email'], ['email'], {
          form: toFormData([['email', typed]]),
        });
        fc.pre(data !== undefined);
        const address = normalizeEmail(data.email);
        const [owner] = await t.db.select().from(users).where(eq(users.email, address));
        const before = await count(emailOutbox);
        expect(
          await resendActivation(deps, { email: data.email, locale: 'en', ip: nextIp() }),
        ).toBe('ok');
        const mails = await t.db
          .select()
          .from(emailOutbox)
          .orderBy(emailOutbox.createdAt)
          .offset(before);
        expect(mails.length).toBeLessThanOrEqual(1);
        // Never a mail to an address without a pending account (no enumeration, no spam relay).
        for (const mail of mails) {
          expect(owner?.status).toBe('pending');
          expect(mail).toMatchObject({ toAddress: address, template: 'activation' });
        }
        if (address === pending.email) resent++;
        await expectConsistent();
      }),
      { numRuns: DB_RUNS },
    );
    expect(resent).toBeGreaterThan(0);
  }, 120_000);

  it(`forgot password: requestPasswordReset never throws and mails only the address typed (${DB_RUNS} runs)`, async () => {
    await insertUser('active', 'fuzz.known@example.ca');
    const email = fc.oneof(fc.constant('FUZZ.KNOWN@example.ca '), emailText);
    await fc.assert(
      fc.asyncProperty(email, async (typed) => {
        const data = parseForm(emailOnlySchema, ['email'], ['email'], {
          form: toFormData([['email', typed]]),
        });
        fc.pre(data !== undefined);
        const address = normalizeEmail(data.email);
        // Other properties create accounts too: ask the database who owns the address.
        const owned = (await count(users, eq(users.email, address))) === 1;
        const before = await count(emailOutbox);
        expect(
          await requestPasswordReset(deps, { email: data.email, locale: 'fr', ip: nextIp() }),
        ).toBe('ok');
        const mails = await t.db
          .select()
          .from(emailOutbox)
          .orderBy(emailOutbox.createdAt)
          .offset(before);
        expect(mails.length).toBeLessThanOrEqual(1);
        for (const mail of mails) {
          expect(mail.toAddress).toBe(address);
          expect(mail.template).toBe(owned ? 'password-reset' : 'reset-no-account');
        }
        await expectConsistent();
      }),
      { numRuns: DB_RUNS },
    );
  }, 120_000);

  it(`reset password: resetPassword never throws and changes all or nothing (${HASH_RUNS} runs)`, async () => {
    const fields = ['password', 'passwordConfirm'] as const;
    await fc.assert(
      fc.asyncProperty(newPassword, fc.boolean(), async (password, confirmMismatch) => {
        const email = `fuzz.${++seq}@example.ca`;
        const data = parseForm(newPasswordSchema({ email }), fields, fields, {
          form: toFormData([
            ['password', password],
            ['passwordConfirm', confirmMismatch ? `${password}x` : password],
          ]),
        });
        fc.pre(data !== undefined);
        // An account with a live reset link, as requestPasswordReset leaves it (stored directly:
        // reading the link back out of the encrypted outbox costs more as the outbox grows).
        const user = await insertUser('active', email);
        const token = newToken();
        await t.db.insert(oneTimeLinks).values({
          kind: 'password_reset',
          userId: user.id,
          tokenHash: hashToken(token),
          createdAt: deps.now(),
          expiresAt: new Date(deps.now().getTime() + 15 * 60_000),
        });
        // The link is valid and names the account whose address the form is checked against.
        const link = await findOneTimeLink(t.db, 'password_reset', token);
        expect(await inspectResetLink(deps, token)).toBe('valid');
        expect(link?.account.email).toBe(email);
        const [before] = await t.db.select().from(users).where(eq(users.id, user.id));
        const mails = await mailsTo(user.email, 'password-changed');
        expect(await resetPassword(deps, { token, password: data.password, ip: nextIp() })).toBe(
          'reset',
        );
        const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
        expect(after?.passwordHash).not.toBe(before?.passwordHash);
        expect(after?.sessionVersion).toBe(before!.sessionVersion + 1);
        expect(await mailsTo(user.email, 'password-changed')).toBe(mails + 1);
        expect(await inspectResetLink(deps, token)).toBe('used');
        await expectConsistent();
      }),
      { numRuns: HASH_RUNS },
    );
  }, 120_000);

  it(`consent: giveConsent never throws and writes the registration, its consent and the contact details together (${DB_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(mostlyValidProfile, async (profile) => {
        const data = parseForm(profileSchema, PROFILE_FIELDS, PROFILE_FIELDS, {
          form: toFormData(Object.entries(profile)),
        });
        fc.pre(data !== undefined);
        const user = await insertUser('active');
        const result = await giveConsent(deps, { userId: user.id, locale: 'en', profile: data });
        expect(result).toEqual({ status: 'ok', state: 'needs_client_record' });
        expect(await count(buildingRegistrations, eq(buildingRegistrations.userId, user.id))).toBe(
          1,
        );
        // The details given are the person's contact details.
        const [row] = await t.db
          .select()
          .from(contactDetails)
          .where(eq(contactDetails.userId, user.id));
        expect(row).toMatchObject(profileColumns(data));
        expect(await count(consents, eq(consents.userId, user.id))).toBe(1);
        await expectConsistent();
      }),
      { numRuns: DB_RUNS },
    );
  }, 120_000);

  it(`contact details: saveContactDetails never throws and keeps one row per person (${DB_RUNS} runs)`, async () => {
    const user = await insertUser('active');
    await fc.assert(
      fc.asyncProperty(mostlyValidProfile, async (profile) => {
        const data = parseForm(profileSchema, PROFILE_FIELDS, PROFILE_FIELDS, {
          form: toFormData(Object.entries(profile)),
        });
        fc.pre(data !== undefined);
        await saveContactDetails(deps, { userId: user.id, profile: data, ip: nextIp() });
        const rows = await t.db
          .select()
          .from(contactDetails)
          .where(eq(contactDetails.userId, user.id));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject(profileColumns(data));
        await expectConsistent();
      }),
      { numRuns: DB_RUNS },
    );
  }, 120_000);

  it(`PIN link: linkClientRecord never throws, links only the right PIN and counts no malformed one (${DB_RUNS} runs)`, async () => {
    let clientNumber = 8_800_000;
    const fresh = async () => {
      const user = await insertUser('active');
      expect(
        await giveConsent(deps, {
          userId: user.id,
          locale: 'fr',
          profile: profileSchema.parse(PROFILE),
        }),
      ).toMatchObject({ status: 'ok' });
      const { pin } = await issueClientPin(
        t.db,
        { firstName: 'Jean', lastName: 'Tremblay', clientNumber: String(++clientNumber) },
        { now: deps.now() },
      );
      return { userId: user.id, pin };
    };
    let current = await fresh();
    const typed = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('exact', 'lower', 'compact', 'spaced', 'ocr') },
      { weight: 3, arbitrary: fc.constant('mutated') },
      { weight: 2, arbitrary: fc.constant('hostile') },
    );
    let linked = 0;
    await fc.assert(
      fc.asyncProperty(typed, mutated(fc.constant('XXXX-XXXX')), hostileText, async (how, m, h) => {
        // Budgets aside: each run is a first attempt (the limits have their own tests).
        await t.db.delete(pinLockouts);
        await t.db.delete(rateLimits).where(like(rateLimits.key, 'pin-%'));
        const { pin } = current;
        const raw =
          how === 'exact'
            ? pin
            : how === 'lower'
              ? pin.toLowerCase()
              : how === 'compact'
                ? pin.replace('-', '')
                : how === 'spaced'
                  ? ` ${pin.slice(0, 2)} ${pin.slice(2).replace('-', ' - ')} `
                  : how === 'ocr'
                    ? pin.replace(/0/g, 'O').replace(/1/g, 'l')
                    : how === 'mutated'
                      ? m.replace(/XXXX-XXXX/i, pin).replace(/X/g, pin[0]!)
                      : h;
        const form = toFormData([['pin', raw]]);
        const text = textFields(form, ['pin'] as const).pin;
        const expected = normalizePin(text);
        const result = await linkClientRecord(deps, {
          userId: current.userId,
          pin: text,
          ip: nextIp(),
        });
        if ('error' in expected) {
          expect(result).toEqual({ status: 'format', error: expected.error });
          // A malformed PIN is explained, not counted (PIN-02 counts real attempts).
          expect(await count(pinLockouts)).toBe(0);
          expect(await count(rateLimits, like(rateLimits.key, 'pin-%'))).toBe(0);
        } else if (expected.pin === pin.replace('-', '')) {
          expect(result.status).toBe('linked');
          linked++;
          current = await fresh();
        } else {
          expect(result).toEqual({ status: 'invalid' });
        }
        await expectConsistent();
      }),
      { numRuns: DB_RUNS },
    );
    expect(linked).toBeGreaterThan(0);
  }, 120_000);

  it(`change password: changePassword never throws and changes all or nothing (${HASH_RUNS} runs)`, async () => {
    const fields = ['password', 'passwordConfirm'] as const;
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(currentPassword, newPassword, async (current, password) => {
        const email = `fuzz.${++seq}@example.ca`;
        // As the action: the new password under the policy, the current one present and sane.
        const data = parseForm(newPasswordSchema({ email }), fields, fields, {
          form: toFormData([
            ['currentPassword', current],
            ['password', password],
            ['passwordConfirm', password],
          ]),
        });
        fc.pre(data !== undefined && current !== '' && current.length <= 1024);
        const user = await insertUser('active', email);
        const result = await changePassword(deps, {
          userId: user.id,
          currentPassword: current,
          newPassword: data.password,
          ip: nextIp(),
        });
        const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
        const mails = await mailsTo(user.email, 'password-changed');
        if (samePassword(current, GOOD_PASSWORD)) {
          expect(result).toBe('changed');
          changed++;
          expect(after?.passwordHash).not.toBe(goodHash);
          expect(after?.sessionVersion).toBe(2);
          expect(mails).toBe(1);
        } else {
          expect(result).toBe('invalid_password');
          expect(after?.passwordHash).toBe(goodHash);
          expect(after?.sessionVersion).toBe(1);
          expect(mails).toBe(0);
        }
        await expectConsistent();
      }),
      { numRuns: HASH_RUNS },
    );
    expect(changed).toBeGreaterThan(0);
  }, 120_000);

  it(`email change: requestEmailChange never throws and links only a safe, normalized address (${HASH_RUNS} runs)`, async () => {
    const fields = ['newEmail', 'newEmailConfirm', 'currentPassword'] as const;
    await insertUser('active', 'fuzz.taken@example.ca');
    const newEmail = fc.oneof(fc.constant(' FUZZ.Taken@example.ca'), emailText);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(newEmail, currentPassword, async (typed, current) => {
        // A new hour each run: the hourly limits per address have their own tests.
        deps.clock.advance(3_600_000);
        const data = parseForm(emailChangeSchema, fields, fields, {
          form: toFormData([
            ['newEmail', typed],
            ['newEmailConfirm', typed],
            ['currentPassword', current],
          ]),
        });
        fc.pre(data !== undefined);
        const user = await insertUser('active');
        const result = await requestEmailChange(deps, {
          userId: user.id,
          currentPassword: data.currentPassword,
          newEmail: data.newEmail,
          ip: nextIp(),
        });
        const address = normalizeEmail(data.newEmail);
        const taken = (await count(users, eq(users.email, address))) === 1;
        const links = await t.db
          .select()
          .from(oneTimeLinks)
          .where(and(eq(oneTimeLinks.kind, 'email_change'), eq(oneTimeLinks.userId, user.id)));
        if (!samePassword(data.currentPassword, GOOD_PASSWORD)) {
          expect(result).toBe('invalid_password');
          expect(links).toEqual([]);
          expect(await mailsTo(user.email)).toBe(0);
          return;
        }
        expect(result).toBe('sent');
        sent++;
        // The old address always gets the notice; the new one a link unless it is taken.
        expect(await mailsTo(user.email, 'email-change-notice')).toBe(1);
        if (taken) {
          expect(links).toEqual([]);
        } else {
          expect(links.map((l) => l.newEmail)).toEqual([address]);
          expect(await mailsTo(address, 'email-change-confirm')).toBeGreaterThanOrEqual(1);
        }
        await expectConsistent();
      }),
      { numRuns: HASH_RUNS },
    );
    expect(sent).toBeGreaterThan(0);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// MAIL-01: nothing a person types reaches a mail header
// ---------------------------------------------------------------------------------------------

describe('MAIL-01: CR/LF never reaches an email header', () => {
  let t: TestDb;
  let sink: SmtpSink;
  beforeAll(async () => {
    [t, sink] = await Promise.all([createTestDb(), startSmtpSink()]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), sink.close()]);
  });

  it('MAIL-01: refuses a first name "a\\r\\nBcc: x@y" (and any name with an inner CR or LF)', () => {
    const result = profileSchema.safeParse({ ...PROFILE, firstName: 'a\r\nBcc: x@y' });
    expect(result.success).toBe(false);
    expect(fieldErrorsFrom(result.error!)).toMatchObject({
      firstName: 'Profile.firstName.errors.invalid',
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom('\r', '\n', '\r\n', '\u0085'),
        fc.string({ minLength: 1, maxLength: 20 }),
        (a, brk, b) => {
          fc.pre(a.trim() !== '' && b.trim() !== '');
          const parsed = profileSchema.safeParse({
            ...PROFILE,
            firstName: `${a.trim()}${brk}${b.trim()}`,
          });
          expect(parsed.success).toBe(false);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('MAIL-01: refuses "a\\r\\nBcc: x@y" as an email in every email field, and the outbox refuses it too', async () => {
    const hostile = 'a\r\nBcc: x@y';
    expect(emailOnlySchema.safeParse({ email: hostile }).success).toBe(false);
    expect(
      createAccountSchema.safeParse({
        email: hostile,
        emailConfirm: hostile,
        password: GOOD_PASSWORD,
        passwordConfirm: GOOD_PASSWORD,
        acceptTerms: 'on',
      }).success,
    ).toBe(false);
    expect(
      emailChangeSchema.safeParse({
        newEmail: hostile,
        newEmailConfirm: hostile,
        currentPassword: GOOD_PASSWORD,
      }).success,
    ).toBe(false);
    // Past the forms, the outbox refuses to queue it…
    await expect(
      enqueueEmail(t.db, {
        to: 'victim@example.ca\r\nBcc: x@y',
        template: 'reset-no-account',
        locale: 'fr',
        props: {
          createAccountUrl: 'https://portal.test/fr/creer-un-compte',
          forgotPasswordUrl: 'https://portal.test/fr/mot-de-passe-oublie',
        },
      }),
    ).rejects.toThrow(/control characters/);
    expect(await t.db.select().from(emailOutbox)).toEqual([]);
    // …and a row that got there anyway (a bug, a hand edit) is failed, never sent.
    await t.db.insert(emailOutbox).values({
      toAddress: 'victim@example.ca\r\nBcc: x@y',
      template: 'activation',
      locale: 'fr',
      payload: 'irrelevant',
    });
    const counts = await deliverPending(t.db, {
      transport: nodemailer.createTransport(sink.url),
    });
    expect(counts).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(sink.messages).toEqual([]);
    await t.db.delete(emailOutbox);
  });

  it(`MAIL-01: an address any email field accepts is delivered to that one recipient, with no header added (${SMTP_RUNS} runs over SMTP)`, async () => {
    const transport = fastSinkTransport(sink);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(emailText, mutated(fc.constant('a@example.ca\r\nBcc: x@y'))),
        async (typed) => {
          const parsed = emailOnlySchema.safeParse({ email: typed });
          fc.pre(parsed.success);
          const to = normalizeEmail(parsed.data!.email);
          expect(to).not.toMatch(HEADER_BREAK);
          sink.messages.length = 0;
          await enqueueEmail(t.db, {
            to,
            template: 'reset-no-account',
            locale: 'en',
            props: {
              createAccountUrl: 'https://portal.test/en/create-account',
              forgotPasswordUrl: 'https://portal.test/en/forgot-password',
            },
          });
          const counts = await deliverPending(t.db, { transport });
          expect(counts).toEqual({ sent: 1, failed: 0, retried: 0 });
          const mail = await sink.waitFor(() => true);
          const recipients = [mail.to ?? []].flat().flatMap((a) => a.value);
          expect(recipients).toHaveLength(1);
          // The raw header lines (bytes shown as latin1): one address header, the address as is.
          const addressLines = mail.headerLines
            .filter((h) => ['to', 'cc', 'bcc', 'reply-to', 'sender'].includes(h.key))
            .map((h) => Buffer.from(h.line, 'latin1').toString('utf8'));
          expect(addressLines).toHaveLength(1);
          // Same mailbox (an ASCII local part, REG-03); nodemailer may write an xn-- domain in
          // Unicode, the same domain.
          const written = addressLines[0]!.replace(/^To: /, '');
          const split = (a: string) => [
            a.slice(0, a.lastIndexOf('@')),
            a.slice(a.lastIndexOf('@') + 1),
          ];
          const [local, host] = split(to);
          const [writtenLocal, writtenHost] = split(written);
          expect(writtenLocal).toBe(local);
          expect([writtenHost, domainToASCII(writtenHost!)]).toContain(host);
          expect(String(mail.subject)).not.toMatch(HEADER_BREAK);
        },
      ),
      // Each run renders and sends a real mail (~30 ms): SMTP_RUNS, not the 10 000 of the schemas.
      { numRuns: SMTP_RUNS },
    );
    transport.close();
  }, 120_000);
});
