'use server';

import { redirect } from 'next/navigation';
import { confirmEmailChange } from '@/lib/accounts/confirm-email-change';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { actionContext } from '@/lib/forms/action-context';
import { textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * The POST behind "Confirmer": the only place the token is used (CSRF-03). Success leads to
 * "Mes paramètres" (through the login page for someone signed out); a dead link to the link's
 * own explanation; an address taken in the meantime is said on the page.
 */
export async function confirmEmailChangeAction(
  _previous: FormState<never>,
  formData: FormData,
): Promise<FormState<never>> {
  const ctx = await actionContext();
  const { token: raw } = textFields(formData, ['token'] as const);
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values: {} };
  }
  const token = raw.slice(0, 200);
  const result = await confirmEmailChange(await accountDeps(), { token, ip: ctx.ip });
  if (result === 'taken') {
    return {
      status: 'error',
      fieldErrors: {},
      formError: 'ConfirmEmailPage.errors.taken',
      values: {},
    };
  }
  if (result !== 'changed') {
    redirect(`${localizedPath('/confirm-email', ctx.locale)}?token=${encodeURIComponent(token)}`);
  }
  redirect(`${localizedPath('/settings', ctx.locale)}?notice=emailChanged`);
}
