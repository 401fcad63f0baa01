import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { visuallyHidden } from '@/app/_components/visually-hidden';
import type { ApplicationStatus } from '@/lib/applications/status-machine';
import { getDb } from '@/lib/db/client';
import { listApplicationInspections } from '@/lib/inspections/load-staff-inspection';
import { parseDate } from '@/lib/staff/plain-date-view';
import { INSPECTORS, type StaffRole } from '@/lib/staff/roles';

/**
 * The staff application page's "Inspections" (issue 20): every inspection of the permit, in the
 * order asked, with its day, status, window, result, what to fix and the staff notes; inspectors
 * and administrators get a link to each inspection's page (where they act). Shown once the
 * permit is issued, or whenever it has inspections.
 */
export async function InspectionsSection({
  application,
  staff,
}: {
  application: { id: string; reference: string; status: ApplicationStatus };
  staff: { role: StaffRole };
}) {
  const rows = await listApplicationInspections(await getDb(), application.id);
  if (rows.length === 0 && application.status !== 'issued' && application.status !== 'closed') {
    return null;
  }
  const t = await getTranslations('StaffInspections');
  const words = await getTranslations('Inspections');
  const format = await getFormatter();
  const links = INSPECTORS.includes(staff.role);
  const cell = 'py-2 pr-4';
  return (
    <section aria-labelledby="inspections-title" className="mb-10">
      <h2 id="inspections-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
        {t('section.title')}
      </h2>
      {rows.length === 0 ? (
        <p>{t('section.none')}</p>
      ) : (
        // Positioned: the links' hidden words (absolutely placed) scroll with the table, not the page.
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left text-neutral-700">{t('section.caption')}</caption>
            <thead>
              <tr className="border-b-2 border-neutral-400">
                {(['type', 'day', 'status', 'window', 'result', 'toFix', 'notes'] as const).map(
                  (column) => (
                    <th key={column} scope="col" className={cell}>
                      {t(`section.columns.${column}`)}
                    </th>
                  ),
                )}
                {links ? (
                  <th scope="col" className="py-2">
                    {t('section.columns.open')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const type = words(`types.${row.type}`);
                return (
                  <tr key={row.id} className="border-b border-neutral-300 align-top">
                    <th scope="row" className={`${cell} font-normal`}>
                      {type}
                    </th>
                    <td className={cell}>
                      {t('section.dayPeriod', {
                        day: format.dateTime(parseDate(row.preferredOn), {
                          dateStyle: 'medium',
                          timeZone: 'UTC',
                        }),
                        period: words(`periods.${row.period}`),
                      })}
                    </td>
                    <td className={`${cell} font-semibold`}>{words(`statuses.${row.status}`)}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {row.windowStart && row.windowEnd
                        ? t('window', { start: row.windowStart, end: row.windowEnd })
                        : ''}
                    </td>
                    <td className={cell}>{row.result ? words(`results.${row.result}`) : ''}</td>
                    <td className={`${cell} whitespace-pre-line`}>{row.toFix ?? ''}</td>
                    <td className={`${cell} whitespace-pre-line`}>{row.notes ?? ''}</td>
                    {links ? (
                      <td className="py-2">
                        <AppLink
                          href="/staff/inspections/[inspectionId]"
                          params={{ inspectionId: row.id }}
                        >
                          {t.rich('open', {
                            ...visuallyHidden,
                            type,
                            reference: application.reference,
                          })}
                        </AppLink>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
