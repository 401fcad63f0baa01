'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { activateAccount } from '@/lib/accounts/activate-account';
import { forgetPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { activateSchema } from '@/lib/accounts/schemas';
import { signIn } from '@/lib/auth';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * The POST behind "Activer mon compte": checks the password, consumes the token, then signs the
 * person in and opens the dashboard. If the session cannot be made, the login page says the
 * account is active. Either way the address is no longer pending: its cookie goes (PRIV-04).
 */
export const activateAction = formAction(
  { schema: activateSchema, secret: ['token', 'password'] },
  async ({ token, password }, { locale, ip, deps }) => {
    const result = await activateAccount(deps, { token, password, ip });
    switch (result.status) {
      case 'invalid_password':
        return { fieldErrors: { password: 'ActivatePage.errors.invalidPassword' } };
      case 'rate_limited':
        return { formError: 'Form.tooManyRequests' };
      case 'activated':
        break;
      default:
        // expired, used, superseded, not_found: the link's own page explains it.
        redirect(`${localizedPath('/activate', locale)}?token=${encodeURIComponent(token)}`);
    }
    await forgetPendingEmail();
    try {
      await signIn('credentials', {
        email: result.email,
        password,
        redirectTo: `${localizedPath('/dashboard', locale)}?notice=activated`,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
    }
    redirect(`${localizedPath('/login', locale)}?notice=activated`);
  },
);
