'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { giveConsent } from '@/lib/registration/give-consent';
import { profileFormSchema } from '@/lib/registration/profile-schema';
import {
  redirectToStepDue,
  requireRegistrationState,
} from '@/lib/registration/require-registration';
import { STEP_PATH } from '@/lib/registration/steps';

const consentSchema = profileFormSchema({
  consent: z.literal('on', { message: 'RegisterPage.consentErrors.required' }),
});

export type ConsentField = keyof z.input<typeof consentSchema>;

/**
 * "J'accepte". Only the 15 profile fields and the checkbox are read from the form: anything else
 * a client sends (userId, state…) is never looked at (AUTHZ-04). The person comes from the
 * session, their step from the database (AUTHZ-01, AUTHZ-02).
 */
export const consentAction = formAction(
  {
    schema: consentSchema,
    load: ({ locale }) => requireRegistrationState(locale, ['needs_consent']),
  },
  async (profile, { locale, deps, loaded: { user } }) => {
    // The checkbox rides along in `profile`; only the profile's own fields are stored.
    const result = await giveConsent(deps, { userId: user.id, locale, profile });
    if (result.status === 'wrong_step') return redirectToStepDue(user.id, locale);
    redirect(localizedPath(STEP_PATH[result.state], locale));
  },
);
