'use server';

import { redirect } from 'next/navigation';
import { readResetLink, resetPassword } from '@/lib/accounts/reset-password';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { newPasswordSchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type ResetPasswordField = 'password' | 'passwordConfirm';

/**
 * The POST of the reset page: the only place the token is used (CSRF-03). Success leads to the
 * login page, not into the account (RST-04); a dead link to the link's own explanation.
 */
export async function resetPasswordAction(
  _previous: FormState<ResetPasswordField>,
  formData: FormData,
): Promise<FormState<ResetPasswordField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['token', 'password', 'passwordConfirm'] as const);
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values: {} };
  }
  const deps = await accountDeps();
  const token = input.token.slice(0, 200);
  const linkPage = `${localizedPath('/reset-password', ctx.locale)}?token=${encodeURIComponent(token)}`;
  const link = await readResetLink(deps, token);
  if (link.state !== 'valid') redirect(linkPage);
  const parsed = newPasswordSchema({ email: link.email }).safeParse(input);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values: {} };
  }
  const result = await resetPassword(deps, {
    token,
    password: parsed.data.password,
    ip: ctx.ip,
  });
  if (result === 'rate_limited') {
    return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values: {} };
  }
  if (result !== 'reset') redirect(linkPage);
  deliverOutboxSoon();
  redirect(`${localizedPath('/login', ctx.locale)}?notice=passwordReset`);
}
