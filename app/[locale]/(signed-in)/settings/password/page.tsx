import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireUser } from '@/lib/auth/session';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ChangePasswordForm } from './password-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsPasswordPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Mes paramètres" › change password. */
export default async function ChangePasswordPage({ params }: Props) {
  await requireUser(await pageLocale(params));
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
      <ClientMessages namespaces={['SettingsPasswordPage', 'SettingsPage', 'Fields']}>
        <ChangePasswordForm />
      </ClientMessages>
    </main>
  );
}
