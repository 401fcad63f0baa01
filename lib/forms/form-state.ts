/**
 * What a form's server action sends back, and all the form reads: errors as message keys
 * (translated when rendered, so a language switch shows them in the new language) and the
 * answers to show again (React 19 resets a form after an action). Secrets are never in `values`.
 */
export interface FormState<F extends string = string> {
  fieldErrors: Partial<Record<F, string>>;
  formError?: string;
  values: Partial<Record<F, string>>;
}

export function initialFormState<F extends string>(
  values: Partial<Record<F, string>> = {},
): FormState<F> {
  return { fieldErrors: {}, values };
}
