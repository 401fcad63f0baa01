import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../staff-not-found';
import { FindResidentForm } from './find-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffSupportPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Soutien" (administrators only): find a resident's account; the client PINs screen. */
export default async function StaffSupportPage({ params }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ADMIN_ONLY);
  if (staff === 'forbidden') return <StaffNotFound />;
  const t = await getTranslations('StaffSupportPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['StaffSupportPage', 'Fields']}>
        <FindResidentForm>
          <h2 className="mt-10 mb-4 text-2xl font-bold text-ottawa-navy">{t('pinsTitle')}</h2>
          <p className="mb-3 max-w-prose">{t('pinsIntro')}</p>
          <p>
            <AppLink href="/staff/support/client-pins">{t('pinsLink')}</AppLink>
          </p>
        </FindResidentForm>
      </ClientMessages>
    </main>
  );
}
