import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { ownsApplication, ROUTE_CONDITIONS } from '@/lib/applications/route-access';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { bookableDays } from '@/lib/inspections/request-inspection';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { InspectionRequestForm } from './inspection-request-form';

type Props = { params: Promise<{ locale: string; reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'Inspections.request' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** A plain day as the time the messages format as that day in Ottawa. */
const dayValue = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * "Demander une inspection" on an issued construction permit. The middleware has answered the
 * 404 for anyone else's reference and for an application that cannot have inspections; one
 * issued in the meantime… cannot be un-issued, but one closed since goes back to its page.
 */
export default async function RequestInspectionPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference } = await params;
  const db = await getDb();
  const applicationPath = localizedDynamicPath(
    '/building-code-services/applications/[reference]',
    locale,
    { reference },
  );
  const only = ROUTE_CONDITIONS['/building-code-services/applications/[reference]/inspections/new'];
  if (!(await ownsApplication(db, user.id, reference, only?.statuses))) redirect(applicationPath);
  const contact = await getContactDetails(db, user.id);
  const { earliest, latest } = bookableDays(new Date());
  const t = await getTranslations('Inspections.request');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['Inspections']}>
        <InspectionRequestForm
          reference={reference}
          earliest={earliest}
          latest={latest}
          dayHint={t('preferredOn.hint', {
            earliest: dayValue(earliest),
            latest: dayValue(latest),
          })}
          initialValues={{
            contactName: [contact?.firstName, contact?.lastName].filter(Boolean).join(' '),
            contactPhone: contact?.phone ?? '',
          }}
          backHref={applicationPath}
        />
      </ClientMessages>
    </main>
  );
}
