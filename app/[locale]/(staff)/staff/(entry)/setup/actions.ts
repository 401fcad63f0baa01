'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { MAX_TOKEN_LENGTH } from '@/lib/accounts/one-time-link';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { setStaffCookie } from '@/lib/staff/require-staff';
import { setStaffPassword } from '@/lib/staff/set-up-staff-account';

/**
 * The POST of the set-up link: the only place its token is used (CSRF-03). The password is
 * set and an enrolment session opened: the next page enrols the second factor.
 */
export const staffSetupAction = formAction(
  {
    schema: z.object({
      token: z.string().transform((token) => token.slice(0, MAX_TOKEN_LENGTH)),
      password: z.string(),
      passwordConfirm: z.string(),
    }),
    secret: ['token', 'password', 'passwordConfirm'],
  },
  async (input, { locale, ip, deps }) => {
    const result = await setStaffPassword(deps, { ...input, ip });
    if (result.status === 'invalid') return { fieldErrors: result.fieldErrors };
    if (result.status === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result.status !== 'ok') {
      redirect(`${localizedPath('/staff/setup', locale)}?token=${encodeURIComponent(input.token)}`);
    }
    await setStaffCookie(result.token);
    redirect(localizedPath('/staff/setup/two-factor', locale));
  },
);
