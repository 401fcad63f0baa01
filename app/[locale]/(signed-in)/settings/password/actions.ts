'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { changePassword } from '@/lib/accounts/change-password';
import { changePasswordSchema } from '@/lib/accounts/schemas';
import { signIn } from '@/lib/auth';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, signedIn } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * "Changer mon mot de passe": the current password (SES-07), the new one under the creation
 * policy. Every session ends (SES-04); this browser is signed in again with the new password.
 */
export const changePasswordAction = formAction(
  {
    schema: (user) => changePasswordSchema({ email: user.email }),
    secret: ['currentPassword', 'password', 'passwordConfirm'],
    load: signedIn,
  },
  async ({ currentPassword, password }, { locale, ip, loaded: user, deps }) => {
    const result = await changePassword(deps, {
      userId: user.id,
      currentPassword,
      newPassword: password,
      ip,
    });
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result === 'invalid_password') {
      return { fieldErrors: { currentPassword: 'SettingsPasswordPage.errors.currentInvalid' } };
    }
    deliverOutboxSoon();
    try {
      await signIn('credentials', {
        email: user.email,
        password,
        redirectTo: `${localizedPath('/settings', locale)}?notice=passwordChanged`,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
    }
    redirect(`${localizedPath('/login', locale)}?notice=passwordReset`);
  },
);
