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
  const user = await requireUser(await pageLocale(params));
  const t = await getTranslations('SettingsPasswordPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      {user.passwordChangeRequired ? (
        <p role="alert" className="mb-6 border-l-4 border-error bg-red-50 p-3 font-semibold">
          {t('required')}
        </p>
      ) : null}
      <ClientMessages namespaces={['SettingsPasswordPage', 'SettingsPage', 'Fields']}>
        <ChangePasswordForm />
      </ClientMessages>
    </main>
  );
}
