'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { changePassword } from '@/lib/accounts/change-password';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { newPasswordSchema } from '@/lib/accounts/schemas';
import { signIn } from '@/lib/auth';
import { requireUser } from '@/lib/auth/session';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type ChangePasswordField = 'currentPassword' | 'password' | 'passwordConfirm';

/**
 * "Changer mon mot de passe": the current password (SES-07), the new one under the creation
 * policy. Every session ends (SES-04); this browser is signed in again with the new password.
 */
export async function changePasswordAction(
  _previous: FormState<ChangePasswordField>,
  formData: FormData,
): Promise<FormState<ChangePasswordField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['currentPassword', 'password', 'passwordConfirm'] as const);
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values: {} };
  }
  const user = await requireUser(ctx.locale);
  const parsed = newPasswordSchema({ email: user.email }).safeParse(input);
  const fieldErrors: FormState<ChangePasswordField>['fieldErrors'] = parsed.success
    ? {}
    : fieldErrorsFrom(parsed.error);
  if (!input.currentPassword) {
    fieldErrors.currentPassword = 'SettingsPasswordPage.errors.currentRequired';
  } else if (input.currentPassword.length > 1024) {
    fieldErrors.currentPassword = 'SettingsPasswordPage.errors.currentInvalid';
  }
  if (!parsed.success || fieldErrors.currentPassword) {
    return { status: 'error', fieldErrors, values: {} };
  }
  const result = await changePassword(await accountDeps(), {
    userId: user.id,
    currentPassword: input.currentPassword,
    newPassword: parsed.data.password,
    ip: ctx.ip,
  });
  if (result === 'rate_limited') {
    return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values: {} };
  }
  if (result === 'invalid_password') {
    return {
      status: 'error',
      fieldErrors: { currentPassword: 'SettingsPasswordPage.errors.currentInvalid' },
      values: {},
    };
  }
  deliverOutboxSoon();
  try {
    await signIn('credentials', {
      email: user.email,
      password: parsed.data.password,
      redirectTo: `${localizedPath('/settings', ctx.locale)}?notice=passwordChanged`,
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  redirect(`${localizedPath('/login', ctx.locale)}?notice=passwordReset`);
}
