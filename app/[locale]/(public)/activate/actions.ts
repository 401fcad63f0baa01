'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { activateAccount } from '@/lib/accounts/activate-account';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { activateSchema } from '@/lib/accounts/schemas';
import { signIn } from '@/lib/auth';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type ActivateField = 'password';

/**
 * The POST behind "Activer mon compte": checks the password, consumes the token, then signs the
 * person in and opens the dashboard. If the session cannot be made, the login page says the
 * account is active.
 */
export async function activateAction(
  _previous: FormState<ActivateField>,
  formData: FormData,
): Promise<FormState<ActivateField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['token', 'password'] as const);
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values: {} };
  }
  const parsed = activateSchema.safeParse(input);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values: {} };
  }
  const result = await activateAccount(await accountDeps(), { ...parsed.data, ip: ctx.ip });
  switch (result.status) {
    case 'invalid_password':
      return {
        status: 'error',
        fieldErrors: { password: 'ActivatePage.errors.invalidPassword' },
        values: {},
      };
    case 'rate_limited':
      return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values: {} };
    case 'activated':
      break;
    default:
      // expired, used, superseded, not_found: the link's own page explains it.
      redirect(
        `${localizedPath('/activate', ctx.locale)}?token=${encodeURIComponent(parsed.data.token)}`,
      );
  }
  try {
    await signIn('credentials', {
      email: result.email,
      password: parsed.data.password,
      redirectTo: localizedPath('/dashboard', ctx.locale),
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  redirect(`${localizedPath('/login', ctx.locale)}?notice=activated`);
}
