'use server';

import { redirect } from 'next/navigation';
import { setPreferredLanguage } from '@/lib/accounts/set-preferred-language';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { actionContext } from '@/lib/forms/action-context';
import type { FormState } from '@/lib/forms/form-state';
import { isLocale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';

export type LanguageField = 'language';

/** "Enregistrer" on the preferred language page: fr or en, nothing else. */
export async function setLanguageAction(
  _previous: FormState<LanguageField>,
  formData: FormData,
): Promise<FormState<LanguageField>> {
  const ctx = await actionContext();
  const language = formData.get('language');
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values: {} };
  }
  const user = await requireUser(ctx.locale);
  if (!isLocale(language)) {
    return {
      status: 'error',
      fieldErrors: { language: 'SettingsLanguagePage.errors.required' },
      values: {},
    };
  }
  await setPreferredLanguage(
    { db: await getDb(), now: () => new Date() },
    { userId: user.id, language, ip: ctx.ip },
  );
  redirect(`${localizedPath('/settings', ctx.locale)}?notice=languageSaved`);
}
