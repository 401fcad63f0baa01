'use server';

import { redirect } from 'next/navigation';
import { saveContactDetails } from '@/lib/accounts/contact-details';
import { formAction, signedIn } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { profileSchema } from '@/lib/registration/profile-schema';

/** "Enregistrer" on the contact details page: the registration profile's rules (VAL-01). */
export const saveContactDetailsAction = formAction(
  { schema: profileSchema, load: signedIn },
  async (profile, { locale, ip, loaded: user, deps }) => {
    await saveContactDetails(deps, { userId: user.id, profile, ip });
    redirect(`${localizedPath('/settings', locale)}?notice=contactSaved`);
  },
);
