import { getFormatter, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import type { InspectionView } from '@/lib/inspections/list-inspections';
import { residentInspections } from '@/lib/inspections/list-inspections';
import { canRequestInspection, hasInspections } from '@/lib/inspections/request-inspection';
import { CancelInspectionForm } from './cancel-inspection-form';

/** 'HH:MM' (Ottawa) as a time the formatter writes in the page's language. */
const clock = (value: string) => new Date(`1970-01-01T${value}:00Z`);

/**
 * "Inspections" on an issued or closed construction permit's page (APPLICATIONS.md, "After
 * issuance"): "Demander une inspection" while issued, then each inspection, newest first, with
 * its status, preferred day and half-day, the confirmed window, the result and what to fix; an
 * open one offers "Annuler l’inspection" until its deadline, then says until when it could be.
 */
export async function InspectionsSection({
  application,
  reference,
  locale,
  now,
}: {
  application: { type: string; status: string; inspections: InspectionView[] };
  reference: string;
  locale: Locale;
  now: Date;
}) {
  if (!hasInspections(application)) return null;
  const t = await getTranslations('Inspections');
  const format = await getFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'full' });
  const time = (v: string) => format.dateTime(clock(v), { timeStyle: 'short', timeZone: 'UTC' });
  const list = residentInspections(application.inspections, now);
  const heading = 'mb-3 text-2xl font-bold text-ottawa-navy';
  return (
    <section id="inspections" aria-labelledby="inspections-title" className="mb-8">
      <h2 id="inspections-title" className={heading}>
        {t('section.title')}
      </h2>
      {canRequestInspection(application) ? (
        <>
          <p className="mb-4 max-w-prose">{t('section.intro')}</p>
          <p className="mb-6">
            <a
              className="btn-primary"
              href={localizedDynamicPath(
                '/building-code-services/applications/[reference]/inspections/new',
                locale,
                { reference },
              )}
            >
              {t('section.request')}
            </a>
          </p>
        </>
      ) : null}
      {list.length === 0 ? <p>{t('section.none')}</p> : null}
      {/* The cancel buttons' refusal is translated in the browser: the namespace, once. */}
      {list.length > 0 ? (
        <ClientMessages namespaces={['Inspections']}>
          <ul className="max-w-2xl space-y-4">
            {list.map((inspection) => (
              <li key={inspection.id} className="rounded border border-neutral-300 p-4">
                <h3 id={`inspection-${inspection.id}`} className="mb-2 text-lg font-semibold">
                  {t(`types.${inspection.type}`)}
                </h3>
                <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-semibold">{t('section.status')}</dt>
                  <dd>{t(`statuses.${inspection.status}`)}</dd>
                  <dt className="font-semibold">{t('section.preferredOn')}</dt>
                  <dd>{day(inspection.preferredOn)}</dd>
                  <dt className="font-semibold">{t('section.period')}</dt>
                  <dd>{t(`periods.${inspection.period}`)}</dd>
                  {inspection.status === 'scheduled' &&
                  inspection.windowStart &&
                  inspection.windowEnd ? (
                    <>
                      <dt className="font-semibold">{t('section.window')}</dt>
                      <dd>
                        {t('section.windowRange', {
                          start: time(inspection.windowStart),
                          end: time(inspection.windowEnd),
                        })}
                      </dd>
                    </>
                  ) : null}
                  {inspection.result ? (
                    <>
                      <dt className="font-semibold">{t('section.result')}</dt>
                      <dd className="font-bold">{t(`results.${inspection.result}`)}</dd>
                    </>
                  ) : null}
                  {inspection.result && inspection.result !== 'passed' && inspection.toFix ? (
                    <>
                      <dt className="font-semibold">{t('section.toFix')}</dt>
                      <dd className="whitespace-pre-line">{inspection.toFix}</dd>
                    </>
                  ) : null}
                </dl>
                {inspection.open ? (
                  inspection.cancellable ? (
                    <>
                      <p className="mt-3">
                        {t('section.cancellableUntil', { deadline: inspection.cancelDeadline })}
                      </p>
                      <CancelInspectionForm
                        reference={reference}
                        inspectionId={inspection.id}
                        describedBy={`inspection-${inspection.id}`}
                      />
                    </>
                  ) : (
                    <p className="mt-3">
                      {t('section.cancellableUntilPast', { deadline: inspection.cancelDeadline })}
                    </p>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </ClientMessages>
      ) : null}
    </section>
  );
}
