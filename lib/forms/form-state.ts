import type { z } from 'zod';

/**
 * What a form's server action sends back, and all the form reads: errors as message keys
 * (translated when rendered, so a language switch shows them in the new language) and the
 * answers to show again (React 19 resets a form after an action). Secrets are never in `values`.
 */
export interface FormState<F extends string = string> {
  fieldErrors: Partial<Record<F, string>>;
  formError?: string;
  /** Values for the placeholders of the error messages ("{remaining} tries left"). */
  messageValues?: Record<string, number>;
  values: Partial<Record<F, string>>;
  /**
   * What the server shows once, in this answer only and never stored in clear: a staff member's
   * recovery codes, a new set-up link.
   */
  once?: Record<string, string | string[]>;
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
