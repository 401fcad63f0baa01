'use server';

import { redirect } from 'next/navigation';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { rememberResetEmail } from '@/lib/accounts/pending-email-cookie';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { emailOnlySchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/** "Mot de passe oublié?": the same answer whatever the address (RST-01). */
export const forgotPasswordAction = formAction(
  { schema: emailOnlySchema },
  async ({ email }, { locale, ip, deps }) => {
    const result = await requestPasswordReset(deps, { email, locale, ip });
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    deliverOutboxSoon();
    // The "check your email" page shows the address, from this browser's cookie (PRIV-04).
    await rememberResetEmail(normalizeEmail(email));
    redirect(`${localizedPath('/forgot-password', locale)}?sent=1`);
  },
);
