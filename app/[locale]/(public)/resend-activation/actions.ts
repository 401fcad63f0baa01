'use server';

import { redirect } from 'next/navigation';
import { pendingEmail, rememberPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { resendActivation } from '@/lib/accounts/resend-activation';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';

export type ResendField = 'email';

/** "Send a new link" on the resend page: same answer whatever the address (no enumeration). */
export async function resendActivationAction(
  _previous: FormState<ResendField>,
  formData: FormData,
): Promise<FormState<ResendField>> {
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
  const result = await resendActivation(await accountDeps(), {
    email: parsed.data.email,
    locale: ctx.locale,
    ip: ctx.ip,
  });
  if (result === 'rate_limited') {
    return { status: 'error', fieldErrors: {}, formError: 'Form.tooManyRequests', values };
  }
  deliverOutboxSoon();
  await rememberPendingEmail(normalizeEmail(parsed.data.email));
  redirect(`${localizedPath('/create-account/check-email', ctx.locale)}?resent=1`);
}

/** "Send a new link" on the check-your-email page, for the address remembered in the cookie. */
export async function resendToPendingEmailAction(): Promise<void> {
  const ctx = await actionContext();
  const email = await pendingEmail();
  const back = localizedPath('/create-account/check-email', ctx.locale);
  if (!ctx.sameOrigin) redirect(back);
  if (!email) redirect(localizedPath('/resend-activation', ctx.locale));
  const result = await resendActivation(await accountDeps(), {
    email,
    locale: ctx.locale,
    ip: ctx.ip,
  });
  deliverOutboxSoon();
  redirect(`${back}?${result === 'rate_limited' ? 'limited' : 'resent'}=1`);
}
