'use server';

import { redirect } from 'next/navigation';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type ForgotPasswordField = 'email';

/** "Mot de passe oublié?": the same answer whatever the address (RST-01). */
export async function forgotPasswordAction(
  _previous: FormState<ForgotPasswordField>,
  formData: FormData,
): Promise<FormState<ForgotPasswordField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['email'] as const);
  const values = { email: input.email };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const parsed = emailOnlySchema.safeParse(input);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values };
  }
  const result = await requestPasswordReset(await accountDeps(), {
    email: parsed.data.email,
    locale: ctx.locale,
    ip: ctx.ip,
  });
  if (result === 'rate_limited') {
    return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values };
  }
  deliverOutboxSoon();
  redirect(`${localizedPath('/forgot-password', ctx.locale)}?sent=1`);
}
