'use server';

import { AuthError, type CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { loginSchema } from '@/lib/accounts/schemas';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { landingPath } from '@/lib/registration/landing-path';

const loginFormSchema = loginSchema.extend({
  // Where to go after signing in: only a path of ours, anything else is ignored (no error).
  callbackUrl: z.string().transform((url) => safeCallbackPath(url)),
});

const ERRORS: Record<string, string> = {
  not_activated: 'LoginPage.errors.notActivated',
  rate_limited: 'Form.tooManyRequests',
};

export const loginAction = formAction(
  { schema: loginFormSchema, secret: ['password'] },
  async ({ email, password, callbackUrl }, { locale }) => {
    try {
      await signIn('credentials', { email, password, redirect: false });
    } catch (error) {
      // signIn throws Next's redirect on success: only Auth.js errors are ours to handle.
      if (error instanceof AuthError && error.type === 'CredentialsSignin') {
        return {
          formError: ERRORS[(error as CredentialsSignin).code] ?? 'LoginPage.errors.invalid',
        };
      }
      throw error;
    }
    redirect(await landingPath(callbackUrl ?? localizedPath('/dashboard', locale), locale));
  },
);
