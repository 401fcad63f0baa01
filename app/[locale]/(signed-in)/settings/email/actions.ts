'use server';

import { redirect } from 'next/navigation';
import { emailChangeSchema, requestEmailChange } from '@/lib/accounts/request-email-change';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { requireUser } from '@/lib/auth/session';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type EmailChangeField = 'newEmail' | 'newEmailConfirm' | 'currentPassword';

/**
 * "Changer mon adresse courriel": the session is checked again here, in the database (the page's
 * check does not cover a direct POST), and the current password is required (SES-07). The
 * account comes from the session only, never from the form (AUTHZ-04). Success leads to
 * "Mes paramètres", which says a link was sent.
 */
export async function requestEmailChangeAction(
  _previous: FormState<EmailChangeField>,
  formData: FormData,
): Promise<FormState<EmailChangeField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['newEmail', 'newEmailConfirm', 'currentPassword'] as const);
  // Never the password: it is not sent back to the browser.
  const values = { newEmail: input.newEmail, newEmailConfirm: input.newEmailConfirm };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const user = await requireUser(ctx.locale);
  const parsed = emailChangeSchema.safeParse(input);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values };
  }
  const result = await requestEmailChange(await accountDeps(), {
    userId: user.id,
    currentPassword: parsed.data.currentPassword,
    newEmail: parsed.data.newEmail,
    ip: ctx.ip,
  });
  switch (result) {
    case 'invalid_password':
      return {
        status: 'error',
        fieldErrors: { currentPassword: 'SettingsEmailPage.currentPassword.errors.invalid' },
        values,
      };
    case 'same_email':
      return {
        status: 'error',
        fieldErrors: { newEmail: 'SettingsEmailPage.newEmail.errors.same' },
        values,
      };
    case 'rate_limited':
      return {
        status: 'error',
        fieldErrors: {},
        formError: 'SettingsEmailPage.errors.tooManyRequests',
        values,
      };
    case 'sent':
      break;
  }
  deliverOutboxSoon();
  redirect(`${localizedPath('/settings', ctx.locale)}?notice=emailChangeSent`);
}
