'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { countRegistrationAttempt, createAccount } from '@/lib/accounts/create-account';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { rememberPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { createAccountSchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type CreateAccountField =
  'email' | 'emailConfirm' | 'password' | 'passwordConfirm' | 'acceptTerms';

const FIELDS = ['email', 'emailConfirm', 'password', 'passwordConfirm', 'acceptTerms'] as const;

export async function createAccountAction(
  _previous: FormState<CreateAccountField>,
  formData: FormData,
): Promise<FormState<CreateAccountField>> {
  const ctx = await actionContext();
  const input = textFields(formData, FIELDS);
  // Passwords are never sent back to the browser.
  const values = {
    email: input.email,
    emailConfirm: input.emailConfirm,
    acceptTerms: input.acceptTerms,
  };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const deps = await accountDeps();
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) {
    if (!(await countRegistrationAttempt(deps, ctx.ip))) {
      return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values };
    }
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values };
  }
  const terms = await getTranslations({ locale: ctx.locale, namespace: 'Terms' });
  const result = await createAccount(deps, {
    email: parsed.data.email,
    password: parsed.data.password,
    locale: ctx.locale,
    termsVersion: terms('version'),
    ip: ctx.ip,
  });
  if (result === 'rate_limited') {
    return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values };
  }
  deliverOutboxSoon();
  await rememberPendingEmail(normalizeEmail(parsed.data.email));
  redirect(localizedPath('/create-account/check-email', ctx.locale));
}
