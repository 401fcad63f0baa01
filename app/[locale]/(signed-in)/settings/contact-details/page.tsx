import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { loadContactDetails } from '@/lib/accounts/contact-details';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ContactDetailsForm } from './contact-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsContactPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Mes paramètres" › contact details: the registration profile's 15 fields, pre-filled. */
export default async function ContactDetailsPage({ params }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  const saved = await loadContactDetails(await getDb(), user.id);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['SettingsContactPage', 'SettingsPage', 'Profile']}>
        <ContactDetailsForm initialValues={saved ?? { communicationLanguage: user.locale }} />
      </ClientMessages>
    </main>
  );
}
