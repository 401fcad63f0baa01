'use server';

import { redirect } from 'next/navigation';
import { unstable_update } from '@/lib/auth';
import { getDb } from '@/lib/db/client';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';
import { giveConsent } from '@/lib/registration/give-consent';
import {
  PROFILE_FIELDS,
  profileSchema,
  type ProfileField,
} from '@/lib/registration/profile-schema';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { STEP_PATH } from '@/lib/registration/steps';

export type ConsentField = ProfileField | 'consent';

/**
 * "J'accepte". Only the 15 profile fields and the checkbox are read from the form: anything else
 * a client sends (userId, state…) is never looked at (AUTHZ-04). The person comes from the
 * session, their step from the database (AUTHZ-01, AUTHZ-02).
 */
export async function consentAction(
  _previous: FormState<ConsentField>,
  formData: FormData,
): Promise<FormState<ConsentField>> {
  const ctx = await actionContext();
  const input = textFields(formData, PROFILE_FIELDS);
  const consent = formData.get('consent') === 'on';
  const values = { ...input, consent: consent ? 'on' : '' };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const { user } = await requireRegistrationState(ctx.locale, ['needs_consent']);
  const parsed = profileSchema.safeParse(input);
  const fieldErrors: FormState<ConsentField>['fieldErrors'] = parsed.success
    ? {}
    : fieldErrorsFrom(parsed.error);
  if (!consent) fieldErrors.consent = 'RegisterPage.consentErrors.required';
  if (!parsed.success || !consent) return { status: 'error', fieldErrors, values };

  const result = await giveConsent(
    { db: await getDb(), now: () => new Date() },
    { userId: user.id, locale: ctx.locale, profile: parsed.data },
  );
  if (result.status === 'wrong_step') redirect(`/api/registration/continue?locale=${ctx.locale}`);
  await unstable_update({});
  redirect(localizedPath(STEP_PATH[result.state], ctx.locale));
}
