import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { formPageTitle } from '@/lib/forms/page-title';
import { localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { getCurrentStaff } from '@/lib/staff/require-staff';
import { StaffLoginForm } from './login-form';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffLoginPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Connexion du personnel": address, password and verification code, every time (STF-01). */
export default async function StaffLoginPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await getCurrentStaff();
  if (staff?.stage === 'full') redirect(localizedPath('/staff/applications', locale));
  const query = await searchParams;
  const t = await getTranslations('StaffLoginPage');
  const notice =
    query.notice === 'signedOut'
      ? t('notices.signedOut')
      : query.notice === 'signInRequired'
        ? t('notices.signInRequired')
        : undefined;
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['StaffLoginPage', 'Fields']}>
        <StaffLoginForm notice={notice} />
      </ClientMessages>
      <p className="mt-8">
        <AppLink href="/login">{t('residentLink')}</AppLink>
      </p>
    </main>
  );
}
