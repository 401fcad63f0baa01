'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { resetPassword } from '@/lib/accounts/reset-password';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { MAX_TOKEN_LENGTH } from '@/lib/accounts/one-time-link';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * The POST of the reset page: the only place the token is used (CSRF-03), read once. The new
 * password's rules need the link's account (PWD-04: not made of its address), so resetPassword
 * applies newPasswordSchema itself once it has read the link. Success leads to the login page,
 * not into the account (RST-04); a dead link to the link's own explanation.
 */
export const resetPasswordAction = formAction(
  {
    schema: z.object({
      token: z.string().transform((token) => token.slice(0, MAX_TOKEN_LENGTH)),
      password: z.string(),
      passwordConfirm: z.string(),
    }),
    secret: ['token', 'password', 'passwordConfirm'],
  },
  async (input, { locale, ip, deps }) => {
    const result = await resetPassword(deps, { ...input, ip });
    if (typeof result === 'object') return { fieldErrors: result.fieldErrors };
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result !== 'reset') {
      redirect(
        `${localizedPath('/reset-password', locale)}?token=${encodeURIComponent(input.token)}`,
      );
    }
    deliverOutboxSoon();
    redirect(`${localizedPath('/login', locale)}?notice=passwordReset`);
  },
);
