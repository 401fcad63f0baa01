import type { z } from 'zod';

/**
 * The one shape every form's server action returns. Errors are message keys (translated when
 * rendered, so a language switch shows them in the new language); `values` feeds the inputs
 * back as defaultValue (React 19 resets uncontrolled inputs after an action). Passwords are never
 * part of `values`.
 */
export interface FormState<F extends string = string> {
  status: 'idle' | 'error' | 'success';
  fieldErrors: Partial<Record<F, string>>;
  formError?: string;
  notice?: string;
  values: Partial<Record<F, string>>;
}

export function initialFormState<F extends string>(
  values: Partial<Record<F, string>> = {},
): FormState<F> {
  return { status: 'idle', fieldErrors: {}, values };
}

/** The first issue of each top-level field, as a message key. */
export function fieldErrorsFrom<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && !(field in errors)) {
      errors[field as F] = issue.message;
    }
  }
  return errors;
}

/** Text fields of a FormData, strings only (files and missing fields become ''). */
export function textFields<F extends string>(
  formData: FormData,
  fields: readonly F[],
): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const field of fields) {
    const value = formData.get(field);
    out[field] = typeof value === 'string' ? value : '';
  }
  return out;
}
