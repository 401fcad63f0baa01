'use server';

import { redirect } from 'next/navigation';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { setStaffCookie } from '@/lib/staff/require-staff';
import { staffSignInSchema } from '@/lib/staff/schemas';
import { signInStaff } from '@/lib/staff/sign-in-staff';

/**
 * The staff sign-in (STF-01): the three fields every time, one generic error whichever failed
 * (LOG-01). The session is a row of staff_sessions, its token in the staff cookie only.
 */
export const staffLoginAction = formAction(
  { schema: staffSignInSchema, secret: ['password', 'code'] },
  async (input, { locale, ip, deps }) => {
    const result = await signInStaff(deps, { ...input, ip });
    if (result.status === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result.status !== 'ok') return { formError: 'StaffLoginPage.errors.invalid' };
    await setStaffCookie(result.token);
    redirect(localizedPath('/staff/applications', locale));
  },
);
