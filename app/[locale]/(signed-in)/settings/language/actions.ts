'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { setPreferredLanguage } from '@/lib/accounts/set-preferred-language';
import { formAction, signedIn } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

const languageSchema = z.object({
  language: z.enum(routing.locales, { message: 'SettingsLanguagePage.errors.required' }),
});

/** "Enregistrer" on the preferred language page: fr or en, nothing else. */
export const setLanguageAction = formAction(
  { schema: languageSchema, load: signedIn },
  async ({ language }, { locale, ip, loaded: user, deps }) => {
    await setPreferredLanguage(deps, { userId: user.id, language, ip });
    redirect(`${localizedPath('/settings', locale)}?notice=languageSaved`);
  },
);
