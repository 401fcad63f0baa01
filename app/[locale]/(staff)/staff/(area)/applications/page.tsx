import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ottawaDate } from '@/lib/calendar/business-days';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import {
  listAssignableStaff,
  listWorkQueue,
  parseQueueFilters,
  QUEUE_STATUSES,
  QUEUE_TYPES,
  queueQuery,
} from '@/lib/staff/list-work-queue';
import { ANY_STAFF, INSPECTORS } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../staff-not-found';
import { FilterSelect } from '../filter-select';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffQueuePage' });
  return { title: t('title') };
}

/** A calendar day (YYYY-MM-DD) as an instant inside that day in Ottawa, for the formatter. */
const dayInstant = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * "Demandes à traiter": every application past draft, the decision due soonest first, a page at
 * a time, filtered by status, type, assignee and overdue with a plain GET form (works without
 * JavaScript; the filters stay in the URL and in the page links; unknown values are ignored).
 * Three statements besides the session: the count, the page's rows, the assignable staff.
 */
export default async function StaffQueuePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ANY_STAFF);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { page: requestedPage, ...filters } = parseQueueFilters(await searchParams);
  const { db, now } = await runtimeDeps();
  const today = ottawaDate(now());
  const [queue, assignable] = await Promise.all([
    listWorkQueue(db, { ...filters, page: requestedPage, staffId: staff.id, today }),
    listAssignableStaff(db),
  ]);
  const t = await getTranslations('StaffQueuePage');
  const apps = await getTranslations('Applications');
  const format = await getFormatter();
  const assigneeValue =
    typeof filters.assignee === 'object' ? filters.assignee.staffId : (filters.assignee ?? '');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      {INSPECTORS.includes(staff.role) ? (
        <p className="mb-6">
          <AppLink href="/staff/inspections">{t('inspectionsLink')}</AppLink>
        </p>
      ) : null}
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <FilterSelect
          id="status"
          label={t('filter.status')}
          value={filters.status ?? ''}
          options={[
            { value: '', label: t('filter.open') },
            { value: 'all', label: t('filter.all') },
            ...QUEUE_STATUSES.map((s) => ({ value: s, label: apps(`statuses.${s}`) })),
          ]}
        />
        <FilterSelect
          id="type"
          label={t('filter.type')}
          value={filters.type ?? ''}
          options={[
            { value: '', label: t('filter.allTypes') },
            ...QUEUE_TYPES.map((type) => ({
              value: type,
              label: apps(`types.${type}.name` as never),
            })),
          ]}
        />
        <FilterSelect
          id="assignee"
          label={t('filter.assignee')}
          value={assigneeValue}
          options={[
            { value: '', label: t('filter.anyone') },
            { value: 'me', label: t('filter.me') },
            { value: 'unassigned', label: t('filter.unassigned') },
            ...assignable.map((member) => ({
              value: member.id,
              label: member.disabled
                ? t('filter.disabledMember', { name: member.name })
                : member.name,
            })),
          ]}
        />
        <div className="flex items-center gap-2 pb-2">
          <input
            id="overdue"
            name="overdue"
            type="checkbox"
            value="1"
            defaultChecked={filters.overdue ?? false}
            className="h-6 w-6"
          />
          <label htmlFor="overdue" className="font-bold">
            {t('filter.overdue')}
          </label>
        </div>
        <button type="submit" className="btn-secondary">
          {t('filter.submit')}
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-neutral-700">
            {t(queue.capped ? 'captionCapped' : 'caption', {
              total: queue.total,
              page: queue.page,
              pageCount: queue.pageCount,
            })}
          </caption>
          <thead>
            <tr className="border-b-2 border-neutral-400">
              <th scope="col" className="py-2 pr-4">
                {t('columns.reference')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('columns.type')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('columns.address')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('columns.status')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('columns.submittedAt')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('columns.dueOn')}
              </th>
              <th scope="col" className="py-2">
                {t('columns.assignee')}
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.rows.map((row) => (
              <tr key={row.reference} className="border-b border-neutral-300 align-top">
                <th scope="row" className="py-2 pr-4 font-normal whitespace-nowrap">
                  <AppLink
                    href="/staff/applications/[reference]"
                    params={{ reference: row.reference }}
                  >
                    {row.reference}
                  </AppLink>
                </th>
                <td className="py-2 pr-4">{apps(`types.${row.type}.name` as never)}</td>
                <td className="py-2 pr-4">{row.siteAddress ?? t('noAddress')}</td>
                <td className="py-2 pr-4 font-semibold">{apps(`statuses.${row.status}`)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {row.submittedAt ? format.dateTime(row.submittedAt, { dateStyle: 'medium' }) : ''}
                </td>
                <td className="py-2 pr-4">
                  <span className="whitespace-nowrap">
                    {row.decisionDueOn
                      ? format.dateTime(dayInstant(row.decisionDueOn), { dateStyle: 'medium' })
                      : t('noDueDate')}
                  </span>
                  {row.overdue ? (
                    <strong className="ml-2 inline-block rounded border border-red-800 px-1 text-red-800">
                      {t('overdue')}
                    </strong>
                  ) : null}
                </td>
                <td className="py-2">{row.assigneeName ?? t('unassigned')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {queue.rows.length === 0 ? <p className="mt-4">{t('empty')}</p> : null}
      {queue.pageCount > 1 ? (
        <nav aria-label={t('pagination')} className="mt-6">
          <ul className="flex flex-wrap gap-6">
            {queue.page > 1 ? (
              <li>
                <AppLink
                  href="/staff/applications"
                  query={queueQuery(filters, queue.page - 1)}
                  rel="prev"
                >
                  {t('previous')}
                </AppLink>
              </li>
            ) : null}
            {queue.page < queue.pageCount ? (
              <li>
                <AppLink
                  href="/staff/applications"
                  query={queueQuery(filters, queue.page + 1)}
                  rel="next"
                >
                  {t('next')}
                </AppLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </main>
  );
}
