'use server';

import { redirect } from 'next/navigation';
import { saveContactDetails } from '@/lib/accounts/contact-details';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { actionContext } from '@/lib/forms/action-context';
import { fieldErrorsFrom, textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';
import {
  PROFILE_FIELDS,
  profileSchema,
  type ProfileField,
} from '@/lib/registration/profile-schema';

/** "Enregistrer" on the contact details page: the registration profile's rules (VAL-01). */
export async function saveContactDetailsAction(
  _previous: FormState<ProfileField>,
  formData: FormData,
): Promise<FormState<ProfileField>> {
  const ctx = await actionContext();
  const values = textFields(formData, PROFILE_FIELDS);
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const user = await requireUser(ctx.locale);
  const parsed = profileSchema.safeParse(values);
  if (!parsed.success) {
    return { status: 'error', fieldErrors: fieldErrorsFrom(parsed.error), values };
  }
  await saveContactDetails(
    { db: await getDb(), now: () => new Date() },
    { userId: user.id, profile: parsed.data, ip: ctx.ip },
  );
  redirect(`${localizedPath('/settings', ctx.locale)}?notice=contactSaved`);
}
