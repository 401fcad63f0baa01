'use server';

import { redirect } from 'next/navigation';
import { emailChangeSchema, requestEmailChange } from '@/lib/accounts/request-email-change';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, signedIn } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

const REFUSALS = {
  invalid_password: {
    fieldErrors: { currentPassword: 'SettingsEmailPage.currentPassword.errors.invalid' },
  },
  same_email: { fieldErrors: { newEmail: 'SettingsEmailPage.newEmail.errors.same' } },
  rate_limited: { formError: 'SettingsEmailPage.errors.tooManyRequests' },
} as const;

/**
 * "Changer mon adresse courriel": the current password is required (SES-07); the account comes
 * from the session only, never from the form (AUTHZ-04). Success leads to "Mes paramètres",
 * which says a link was sent.
 */
export const requestEmailChangeAction = formAction(
  { schema: emailChangeSchema, secret: ['currentPassword'], load: signedIn },
  async ({ newEmail, currentPassword }, { locale, ip, loaded: user, deps }) => {
    const result = await requestEmailChange(deps, {
      userId: user.id,
      currentPassword,
      newEmail,
      ip,
    });
    if (result !== 'sent') return REFUSALS[result];
    deliverOutboxSoon();
    redirect(`${localizedPath('/settings', locale)}?notice=emailChangeSent`);
  },
);
