'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { readResetLink, resetPassword } from '@/lib/accounts/reset-password';
import { accountDeps } from '@/lib/accounts/runtime-deps';
import { newPasswordSchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, textFields } from '@/lib/forms/form-action';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

export type ResetPasswordField = 'password' | 'passwordConfirm';

const linkPage = (locale: Locale, token: string) =>
  `${localizedPath('/reset-password', locale)}?token=${encodeURIComponent(token)}`;

/**
 * The POST of the reset page: the only place the token is used (CSRF-03). Success leads to the
 * login page, not into the account (RST-04); a dead link to the link's own explanation.
 */
export const resetPasswordAction = formAction(
  {
    load: async ({ locale }, form) => {
      const token = textFields(form, ['token']).token.slice(0, 200);
      const link = await readResetLink(await accountDeps(), token);
      if (link.state !== 'valid') redirect(linkPage(locale, token));
      return { token, email: link.email };
    },
    // The new password must not be made of the account's address (PWD-04): known from the link.
    schema: ({ email }) => newPasswordSchema({ email }).extend({ token: z.string() }),
    secret: ['password', 'passwordConfirm', 'token'],
  },
  async ({ password }, { locale, ip, loaded: { token } }) => {
    const result = await resetPassword(await accountDeps(), { token, password, ip });
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result !== 'reset') redirect(linkPage(locale, token));
    deliverOutboxSoon();
    redirect(`${localizedPath('/login', locale)}?notice=passwordReset`);
  },
);
