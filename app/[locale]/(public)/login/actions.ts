'use server';

import { AuthError, type CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { loginSchema } from '@/lib/accounts/schemas';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { signIn } from '@/lib/auth';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';
import { landingPath } from '@/lib/registration/landing-path';

export type LoginField = 'email' | 'password';

const ERRORS: Record<string, string> = {
  not_activated: 'LoginPage.errors.notActivated',
  rate_limited: 'Form.tooManyRequests',
};

export async function loginAction(
  _previous: FormState<LoginField>,
  formData: FormData,
): Promise<FormState<LoginField>> {
  const ctx = await actionContext();
  const input = textFields(formData, ['email', 'password', 'callbackUrl'] as const);
  const values = { email: input.email };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values };
  }
  const redirectTo = safeCallbackPath(input.callbackUrl) ?? localizedPath('/dashboard', ctx.locale);
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirect: false,
    });
  } catch (error) {
    // signIn throws Next's redirect on success: only Auth.js errors are ours to handle.
    if (error instanceof AuthError && error.type === 'CredentialsSignin') {
      const code = (error as CredentialsSignin).code;
      return {
        status: 'error',
        fieldErrors: {},
        formError: ERRORS[code] ?? 'LoginPage.errors.invalid',
        values,
      };
    }
    throw error;
  }
  redirect(await landingPath(redirectTo, ctx.locale));
}
