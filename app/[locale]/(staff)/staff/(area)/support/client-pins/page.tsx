import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../../staff-not-found';
import { ClientPinsScreen } from './client-pins-screen';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffClientPinsPage' });
  return { title: t('title') };
}

/** "NIP des clients" (administrators only): issue one PIN, or import a file of client records. */
export default async function StaffClientPinsPage({ params }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ADMIN_ONLY);
  if (staff === 'forbidden') return <StaffNotFound />;
  const t = await getTranslations('StaffClientPinsPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p className="mb-4">
        <AppLink href="/staff/support">{t('back')}</AppLink>
      </p>
      <ClientMessages namespaces={['StaffClientPinsPage']}>
        <ClientPinsScreen />
      </ClientMessages>
    </main>
  );
}
