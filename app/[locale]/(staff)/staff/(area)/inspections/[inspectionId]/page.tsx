import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import { PERIOD_BOUNDS } from '@/lib/inspections/inspector-actions';
import { loadStaffInspection } from '@/lib/inspections/load-staff-inspection';
import { availableInspectionEvents } from '@/lib/inspections/status-machine';
import { parseDate } from '@/lib/staff/plain-date-view';
import { INSPECTORS } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../../staff-not-found';
import type { InspectionNotice } from './actions';
import { RecordInspectionForm, ScheduleInspectionForm } from './inspection-forms';

type Props = {
  params: Promise<{ locale: string; inspectionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffInspections' });
  return { title: t('inspection.metaTitle') };
}

const NOTICES: readonly InspectionNotice[] = ['scheduled', 'recorded', 'closed'];

/**
 * One inspection as an inspector sees it (issue 20), for inspectors and administrators: the
 * application's reference and address, the type, the day and half-day, the on-site contact, the
 * status, the window, the result, the history; and the forms the inspection's table offers this
 * role — only while the permit is "Délivré" (a closed permit's inspections are read only). An
 * unknown id, or one that is not a uuid: "not found".
 */
export default async function StaffInspectionPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, INSPECTORS);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { inspectionId } = await params;
  const query = await searchParams;
  const { db } = await runtimeDeps();
  const view = await loadStaffInspection(db, inspectionId);
  if (!view) return <StaffNotFound />;
  const { inspection, application } = view;
  const t = await getTranslations('StaffInspections');
  const words = await getTranslations('Inspections');
  const apps = await getTranslations('Applications');
  const staffPage = await getTranslations('StaffApplicationPage');
  const format = await getFormatter();
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const day = (d: string) => format.dateTime(parseDate(d), { dateStyle: 'full', timeZone: 'UTC' });
  const type = words(`types.${inspection.type}`);
  const heading1 = t('inspection.title', { type, reference: application.reference });
  // The document's title, as its metadata gives it (no data read before the role is checked).
  const pageTitle = t('inspection.metaTitle');
  const notice = NOTICES.find((n) => n === query.notice);
  const actionable = application.status === 'issued';
  const events = actionable ? availableInspectionEvents(inspection.status, staff.role) : [];
  const bounds = PERIOD_BOUNDS[inspection.period];
  const heading = 'mb-3 text-2xl font-bold text-ottawa-navy';
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p className="mb-4">
        <AppLink href="/staff/inspections" query={{ day: inspection.preferredOn }}>
          {t('inspection.back')}
        </AppLink>
      </p>
      <h1 className="page-title">{heading1}</h1>
      {notice ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      <dl className="mb-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {row(
          t('inspection.application'),
          <AppLink
            href="/staff/applications/[reference]"
            params={{ reference: application.reference }}
          >
            {application.reference}
          </AppLink>,
        )}
        {row(t('inspection.address'), application.siteAddress ?? t('noAddress'))}
        {row(t('inspection.area'), inspection.area ?? t('noArea'))}
        {row(t('inspection.type'), type)}
        {row(t('inspection.day'), day(inspection.preferredOn))}
        {row(t('inspection.period'), words(`periods.${inspection.period}`))}
        {row(
          t('inspection.contact'),
          t('contactLine', { name: inspection.contactName, phone: inspection.contactPhone }),
        )}
        {row(t('inspection.requestedAt'), dateTime(inspection.requestedAt))}
        <dt className="font-semibold">{t('inspection.status')}</dt>
        <dd className="font-bold" data-testid="inspection-status">
          {words(`statuses.${inspection.status}`)}
        </dd>
        {row(
          t('inspection.window'),
          inspection.windowStart && inspection.windowEnd
            ? t('window', { start: inspection.windowStart, end: inspection.windowEnd })
            : t('toConfirm'),
        )}
        {inspection.inspectorName ? row(t('inspection.inspector'), inspection.inspectorName) : null}
        {inspection.result ? (
          <>
            <dt className="font-semibold">{t('inspection.result')}</dt>
            <dd className="font-bold" data-testid="inspection-result">
              {words(`results.${inspection.result}`)}
            </dd>
          </>
        ) : null}
        {inspection.toFix
          ? row(
              t('inspection.toFix'),
              <span className="whitespace-pre-line">{inspection.toFix}</span>,
            )
          : null}
        {inspection.notes
          ? row(
              t('inspection.notes'),
              <span className="whitespace-pre-line">{inspection.notes}</span>,
            )
          : null}
      </dl>

      <section aria-labelledby="actions-title" className="mb-10">
        <h2 id="actions-title" className={heading}>
          {t('inspection.actions')}
        </h2>
        {!actionable ? (
          <p className="max-w-prose">
            {t('inspection.readOnly', { status: apps(`statuses.${application.status}`) })}
          </p>
        ) : events.length === 0 ? (
          <p className="max-w-prose">{t('inspection.noActions')}</p>
        ) : (
          <ClientMessages namespaces={['StaffInspections', 'Inspections']}>
            {events.includes('inspection_scheduled') ? (
              <ScheduleInspectionForm
                inspectionId={inspection.id}
                hint={t('schedule.hint', {
                  period: words(`periods.${inspection.period}`),
                  start: bounds.start,
                  end: bounds.end,
                })}
                current={{ windowStart: inspection.windowStart, windowEnd: inspection.windowEnd }}
                pageTitle={pageTitle}
              />
            ) : null}
            {events.includes('inspection_recorded') ? (
              <RecordInspectionForm inspectionId={inspection.id} pageTitle={pageTitle} />
            ) : inspection.status === 'requested' ? (
              <p className="max-w-prose">{t('inspection.needsWindow')}</p>
            ) : null}
          </ClientMessages>
        )}
      </section>

      <section aria-labelledby="history-title" className="mb-10">
        <h2 id="history-title" className={heading}>
          {t('inspection.history')}
        </h2>
        <ol className="max-w-2xl space-y-2 border-l-4 border-neutral-300 pl-4">
          {view.history.map((event) => (
            <li key={event.seq}>
              <p className="font-semibold">{apps(`events.${event.type}`)}</p>
              <p className="text-neutral-700">
                {staffPage('eventLine', {
                  date: dateTime(event.occurredAt),
                  actor: event.staffName ?? staffPage(`actors.${event.actorRole}` as never),
                })}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
