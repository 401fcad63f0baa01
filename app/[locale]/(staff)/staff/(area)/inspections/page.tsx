import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { visuallyHidden } from '@/app/_components/visually-hidden';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import {
  DAY_STATUSES,
  listInspectorDay,
  parseInspectorDayFilters,
} from '@/lib/inspections/inspector-day';
import { parseDate } from '@/lib/staff/plain-date-view';
import { INSPECTORS } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../staff-not-found';
import { FilterSelect } from '../filter-select';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffInspections' });
  return { title: t('title') };
}

/**
 * "Inspections": the inspectors' day (issue 20), for inspectors and administrators. A plain GET
 * form (day, area, status) that works without JavaScript, the filters kept in the URL; unknown
 * values are ignored. One statement besides the session (lib/inspections/inspector-day.ts).
 */
export default async function StaffInspectionsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, INSPECTORS);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { db, now } = await runtimeDeps();
  const filters = parseInspectorDayFilters(await searchParams, now());
  const day = await listInspectorDay(db, filters);
  const t = await getTranslations('StaffInspections');
  const words = await getTranslations('Inspections');
  const format = await getFormatter();
  const dayInWords = format.dateTime(parseDate(day.day), { dateStyle: 'full', timeZone: 'UTC' });
  const areas = day.areas.filter((a): a is { area: string; count: number } => a.area !== null);
  const cell = 'py-2 pr-4';
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="day" className="mb-1 block font-bold">
            {t('filter.day')}
          </label>
          <p id="day-hint" className="mb-1 text-neutral-700">
            {t('filter.dayHint')}
          </p>
          <input
            id="day"
            name="day"
            type="date"
            autoComplete="off"
            aria-describedby="day-hint"
            defaultValue={day.day}
            className="input w-full sm:w-auto"
          />
        </div>
        <FilterSelect
          id="area"
          label={t('filter.area')}
          value={filters.area ?? ''}
          options={[
            { value: '', label: t('filter.allAreas') },
            // An area typed in the URL that has nothing that day stays chosen, with its 0.
            ...(filters.area && !areas.some((a) => a.area === filters.area)
              ? [
                  {
                    value: filters.area,
                    label: t('filter.areaOption', { area: filters.area, count: 0 }),
                  },
                ]
              : []),
            ...areas.map(({ area, count }) => ({
              value: area,
              label: t('filter.areaOption', { area, count }),
            })),
          ]}
        />
        <FilterSelect
          id="status"
          label={t('filter.status')}
          value={filters.status ?? ''}
          options={[
            { value: '', label: t('filter.allStatuses') },
            ...DAY_STATUSES.map((s) => ({ value: s, label: words(`statuses.${s}`) })),
          ]}
        />
        <button type="submit" className="btn-secondary">
          {t('filter.submit')}
        </button>
      </form>
      {/* Positioned: the links' hidden words (absolutely placed) scroll with the table, not the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-neutral-700">
            {t('caption', { count: day.rows.length, day: dayInWords })}
          </caption>
          <thead>
            <tr className="border-b-2 border-neutral-400">
              <th scope="col" className={cell}>
                {t('columns.reference')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.address')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.area')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.type')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.period')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.contact')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.status')}
              </th>
              <th scope="col" className={cell}>
                {t('columns.window')}
              </th>
              <th scope="col" className="py-2">
                {t('columns.open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {day.rows.map((row) => {
              const type = words(`types.${row.type}`);
              return (
                <tr key={row.id} className="border-b border-neutral-300 align-top">
                  <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
                    <AppLink
                      href="/staff/applications/[reference]"
                      params={{ reference: row.reference }}
                    >
                      {row.reference}
                    </AppLink>
                  </th>
                  <td className={cell}>{row.siteAddress ?? t('noAddress')}</td>
                  <td className={cell}>{row.area ?? t('noArea')}</td>
                  <td className={cell}>{type}</td>
                  <td className={cell}>{words(`periods.${row.period}`)}</td>
                  <td className={cell}>
                    {t('contactLine', { name: row.contactName, phone: row.contactPhone })}
                  </td>
                  <td className={`${cell} font-semibold`}>{words(`statuses.${row.status}`)}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {row.windowStart && row.windowEnd
                      ? t('window', { start: row.windowStart, end: row.windowEnd })
                      : t('toConfirm')}
                  </td>
                  <td className="py-2">
                    <AppLink
                      href="/staff/inspections/[inspectionId]"
                      params={{ inspectionId: row.id }}
                    >
                      {t.rich('open', { ...visuallyHidden, type, reference: row.reference })}
                    </AppLink>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {day.rows.length === 0 ? <p className="mt-4">{t('empty')}</p> : null}
    </main>
  );
}
