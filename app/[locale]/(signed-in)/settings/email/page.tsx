import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireUser } from '@/lib/auth/session';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { EmailChangeForm } from './email-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsEmailPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * "Changer mon adresse courriel" in "Mes paramètres": the current address, then the new one
 * (twice) and the current password. The address changes only once the link mailed to the new
 * address is used (/confirm-email).
 */
export default async function SettingsEmailPage({ params }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['SettingsEmailPage', 'SettingsPage']}>
        <EmailChangeForm currentEmail={user.email} />
      </ClientMessages>
    </main>
  );
}
