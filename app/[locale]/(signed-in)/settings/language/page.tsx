import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireUser } from '@/lib/auth/session';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { LanguageForm } from './language-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsLanguagePage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Mes paramètres" › preferred language: the language of the portal's emails (I18N-02). */
export default async function LanguagePage({ params }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['SettingsLanguagePage', 'SettingsPage']}>
        <LanguageForm current={user.locale} />
      </ClientMessages>
    </main>
  );
}
