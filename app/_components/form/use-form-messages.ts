'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { FormState } from '@/lib/forms/form-state';
import type { SummaryItem } from './error-summary';

/**
 * Translates a FormState's message keys (full paths from the root of messages/*.json) into the
 * inline messages and the summary items, in the order the action gives them: its schema's, which
 * is the fields' order on the page.
 */
export function useFormMessages<F extends string>(state: FormState<F>) {
  const t = useTranslations();
  const fieldError = (field: F): string | undefined => {
    const key = state.fieldErrors[field];
    return key ? t(key as never, state.messageValues as never) : undefined;
  };
  const items: SummaryItem[] = (Object.keys(state.fieldErrors) as F[]).map((field) => ({
    fieldId: field,
    message: fieldError(field)!,
  }));
  const formError = state.formError
    ? t(state.formError as never, state.messageValues as never)
    : undefined;
  // Passwords never come back in the page (FormState): after an error, say why they are empty.
  const passwordNotice =
    items.length > 0 || formError ? t('Form.reenterPassword' as never) : undefined;
  return { fieldError, items, formError, passwordNotice };
}

/**
 * A form's state from its server action (React 19's useActionState), with its messages
 * translated: what every form component starts with. `values` are the answers to show first.
 */
export function useForm<F extends string>(
  action: (previous: FormState<F>, form: FormData) => Promise<FormState<F>>,
  values: Partial<Record<F, string>> = {},
) {
  const [state, formAction, pending] = useActionState(action, { fieldErrors: {}, values });
  return { state, formAction, pending, ...useFormMessages(state) };
}
