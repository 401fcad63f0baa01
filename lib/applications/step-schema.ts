import { z } from 'zod';
import { emailError, normalizeEmail } from '@/lib/accounts/email-address';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { normalizePhone, normalizePostalCode } from '@/lib/registration/profile-schema';
import type { ApplicationTypeDef, FieldDef, Requirement, StepDef } from './catalogue';
import { formSteps } from './catalogue';

/** A stored answer: text, a choice, or a number (integer cents for money). */
export type AnswerValue = string | number;
export type StepAnswers = Record<string, AnswerValue>;
/** Every step's answers, by step key. */
export type ApplicationAnswers = Record<string, StepAnswers>;

type FormStep = Extract<StepDef, { kind: 'form' }>;

const errorKey = (field: FieldDef, rule: string) =>
  `Applications.fields.${field.key}.errors.${rule}`;

function isRequired(requirement: Requirement, raw: Record<string, string>): boolean {
  if (typeof requirement === 'boolean') return requirement;
  return (raw[requirement.field] ?? '').trim() === requirement.equals;
}

/**
 * `250 000`, `250,000.50`, `250 000,50 $`, `$250000` → 25000050 cents; null when it is not an
 * amount of dollars with at most two decimals. A comma followed by exactly three digits groups
 * thousands (English); otherwise a comma is the decimal separator (French). An amount beyond
 * $10^13 is Infinity: too large for any field, never stored.
 */
export function parseDollarsToCents(raw: string): number | null {
  let text = raw.replace(/[\s\u00a0\u202f$]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text)) text = text.replace(/,/g, '');
  else text = text.replace(',', '.');
  const match = /^(\d{1,40})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match?.[1]) return null;
  // Beyond any maximum (more than $10^13): too large, whatever its exact value.
  if (match[1].replace(/^0+/, '').length > 13) return Number.POSITIVE_INFINITY;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** `12,5`, `12.5 m²` → 12.5; null when not a number with at most `decimals` decimals. */
export function parseDecimal(raw: string, decimals: number): number | null {
  const text = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/m²$|m2$/i, '')
    .replace(',', '.');
  const match = new RegExp(`^\\d{1,9}(?:\\.\\d{1,${decimals}})?$`).exec(text);
  return match ? Number(text) : null;
}

/** An Ottawa postal code (Eastern Ontario's K…), normalized to `K1P 1J1`. */
function ottawaPostalCode(raw: string): string | null {
  const normalized = normalizePostalCode(raw);
  return normalized?.startsWith('K') ? normalized : null;
}

/**
 * Checks one field's raw text and answers its stored value, or the message key of the first rule
 * it breaks. An empty optional field is stored as ''.
 */
export function checkField(
  field: FieldDef,
  rawValue: string,
  required: boolean,
): { value: AnswerValue } | { error: string } {
  const value = rawValue.trim();
  if (value === '') return required ? { error: errorKey(field, 'required') } : { value: '' };
  switch (field.kind) {
    case 'choice':
      return field.options.includes(value) ? { value } : { error: errorKey(field, 'invalid') };
    case 'text': {
      // Long text keeps its line breaks (as \n); nothing else hidden, in any text (VAL-01).
      const text = field.multiline ? value.replace(/\r\n?/g, '\n') : value;
      if ([...text].length > field.maxLength) return { error: errorKey(field, 'tooLong') };
      if (hasHiddenCharacters(field.multiline ? text.replace(/\n/g, '') : text)) {
        return { error: errorKey(field, 'invalid') };
      }
      if (field.multiline) return { value: text };
      switch (field.format) {
        case 'ottawaPostalCode': {
          const code = ottawaPostalCode(value);
          return code ? { value: code } : { error: errorKey(field, field.format) };
        }
        case 'phone': {
          const phone = normalizePhone(value);
          return phone ? { value: phone } : { error: errorKey(field, field.format) };
        }
        case 'email':
          return emailError(value) === null
            ? { value: normalizeEmail(value) }
            : { error: errorKey(field, field.format) };
        case 'civicNumber':
          // 110, 110A, 110-112, 110 1/2: a number first, then a few letters, digits or signs.
          return /^\d{1,6}[A-Za-z0-9 /-]{0,4}$/.test(value)
            ? { value: value.toUpperCase() }
            : { error: errorKey(field, field.format) };
        default:
          return { value };
      }
    }
    case 'integer': {
      if (!/^\d{1,9}$/.test(value.replace(/[\s\u00a0\u202f]/g, ''))) {
        return { error: errorKey(field, 'number') };
      }
      const n = Number(value.replace(/[\s\u00a0\u202f]/g, ''));
      if (n < field.min) return { error: errorKey(field, 'tooSmall') };
      if (n > field.max) return { error: errorKey(field, 'tooLarge') };
      return { value: n };
    }
    case 'decimal': {
      const n = parseDecimal(value, field.decimals);
      if (n === null) return { error: errorKey(field, 'number') };
      if (n < field.min) return { error: errorKey(field, 'tooSmall') };
      if (n > field.max) return { error: errorKey(field, 'tooLarge') };
      return { value: n };
    }
    case 'money': {
      const cents = parseDollarsToCents(value);
      if (cents === null) return { error: errorKey(field, 'number') };
      if (cents < field.minCents) return { error: errorKey(field, 'tooSmall') };
      if (cents > field.maxCents) return { error: errorKey(field, 'tooLarge') };
      return { value: cents };
    }
  }
}

/**
 * The zod schema of one form step, derived from its fields: raw form text in, stored answers out,
 * each error a message key at its field. Fields required only with another answer (the owner's
 * details when applying as an agent) are checked against that answer; a field that is not
 * required and not asked for keeps no stale value. `partial` ("Enregistrer"): every answer given
 * is checked, none is required yet.
 */
export function stepSchema(step: FormStep, opts: { partial?: boolean } = {}) {
  const shape = Object.fromEntries(step.fields.map((f) => [f.key, z.string().default('')]));
  return z.object(shape).transform((raw, ctx) => {
    const answers: StepAnswers = {};
    for (const field of step.fields) {
      const conditional = typeof field.required === 'object';
      const required = !opts.partial && isRequired(field.required, raw);
      if (conditional && !required) {
        answers[field.key] = '';
        continue;
      }
      const result = checkField(field, raw[field.key] ?? '', required);
      if ('error' in result)
        ctx.addIssue({ code: 'custom', message: result.error, path: [field.key] });
      else answers[field.key] = result.value;
    }
    return answers;
  });
}

/** The raw text a stored answer is shown as in its form field again (cents back to dollars). */
export function answerAsText(field: FieldDef, value: AnswerValue | undefined): string {
  if (value === undefined || value === '') return '';
  if (field.kind === 'money' && typeof value === 'number') {
    return value % 100 === 0 ? String(value / 100) : (value / 100).toFixed(2);
  }
  return String(value);
}

/** A step's stored answers as the text its form would have sent, for checking them again. */
export function storedAsRaw(
  step: FormStep,
  answers: StepAnswers | undefined,
): Record<string, string> {
  return Object.fromEntries(step.fields.map((f) => [f.key, answerAsText(f, answers?.[f.key])]));
}

/**
 * The whole application checked again, step by step, as on submit: the first step with an error
 * (in order) and its errors, or null when every form step is complete and valid. What is stored
 * is checked, never trusted: the catalogue may have changed since it was saved.
 */
export function firstInvalidStep(
  type: ApplicationTypeDef,
  answers: ApplicationAnswers,
): { step: string; fieldErrors: Record<string, string> } | null {
  for (const step of formSteps(type)) {
    const parsed = stepSchema(step).safeParse(storedAsRaw(step, answers[step.key]));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        fieldErrors[key] ??= issue.message;
      }
      return { step: step.key, fieldErrors };
    }
  }
  return null;
}
