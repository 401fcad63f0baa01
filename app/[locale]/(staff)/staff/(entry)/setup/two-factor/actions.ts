'use server';

import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { requireStaffEnrolment } from '@/lib/staff/require-staff';
import { totpConfirmSchema } from '@/lib/staff/schemas';
import { confirmStaffTotp } from '@/lib/staff/set-up-staff-account';

/**
 * The first code of the new authenticator (STF-01): only an enrolment session may post it. On
 * success the answer carries the recovery codes (`once`), the one time they exist in clear.
 */
export const confirmTotpAction = formAction(
  {
    schema: totpConfirmSchema,
    secret: ['code'],
    load: ({ locale }: ActionContext) => requireStaffEnrolment(locale),
  },
  async ({ code }, { ip, deps, loaded }) => {
    const result = await confirmStaffTotp(deps, loaded, { code, ip });
    if (result.status === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    if (result.status !== 'ok') {
      return { fieldErrors: { code: 'StaffTwoFactorPage.errors.invalid' } };
    }
    return { once: { recoveryCodes: result.recoveryCodes } };
  },
);
