'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { saveContactDetails } from '@/lib/accounts/contact-details';
import { formAction, signedIn } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { profileFormSchema } from '@/lib/registration/profile-schema';
import { RETURN_PATHS, returnOf } from './return-to';

/**
 * "Enregistrer" on the contact details form: the registration profile's rules (VAL-01), plus
 * the page to go back to, one of two known pages whatever the form sends (no open redirect).
 */
const contactSchema = profileFormSchema({ from: z.string() });

export const saveContactDetailsAction = formAction(
  { schema: contactSchema, load: signedIn },
  async ({ from, ...profile }, { locale, ip, loaded: user, deps }) => {
    await saveContactDetails(deps, { userId: user.id, profile, ip });
    redirect(`${localizedPath(RETURN_PATHS[returnOf(from)], locale)}?notice=contactSaved`);
  },
);
