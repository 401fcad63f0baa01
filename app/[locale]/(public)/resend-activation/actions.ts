'use server';

import { redirect } from 'next/navigation';
import { pendingEmail, rememberPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { resendActivation } from '@/lib/accounts/resend-activation';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { buttonAction, formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/** "Send a new link" on the resend page: same answer whatever the address (no enumeration). */
export const resendActivationAction = formAction(
  { schema: emailOnlySchema },
  async ({ email }, { locale, ip, deps }) => {
    const result = await resendActivation(deps, { email, locale, ip });
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    deliverOutboxSoon();
    await rememberPendingEmail(normalizeEmail(email));
    redirect(`${localizedPath('/create-account/check-email', locale)}?resent=1`);
  },
);

/** "Send a new link" on the check-your-email page, for the address remembered in the cookie. */
export const resendToPendingEmailAction = buttonAction(
  { refused: ({ locale }) => redirect(localizedPath('/create-account/check-email', locale)) },
  async ({ locale, ip, deps }) => {
    const email = await pendingEmail();
    if (!email) redirect(localizedPath('/resend-activation', locale));
    const result = await resendActivation(deps, { email, locale, ip });
    deliverOutboxSoon();
    const back = localizedPath('/create-account/check-email', locale);
    redirect(`${back}?${result === 'rate_limited' ? 'limited' : 'resent'}=1`);
  },
);
