import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import { isQueueStatus, listWorkQueue, QUEUE_STATUSES } from '@/lib/staff/list-work-queue';
import { ANY_STAFF } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../staff-not-found';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffQueuePage' });
  return { title: t('title') };
}

/**
 * "Demandes à traiter": every application past draft, the longest waiting first, a page at a
 * time, filtered by status with a plain GET form (works without JavaScript). Read only for now:
 * the actions of issue 19 come with the application's staff page.
 */
export default async function StaffQueuePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ANY_STAFF);
  if (staff === 'forbidden') return <StaffNotFound />;
  const query = await searchParams;
  const status = isQueueStatus(query.status) ? query.status : undefined;
  const requestedPage = typeof query.page === 'string' ? Number.parseInt(query.page, 10) : 1;
  const { db } = await runtimeDeps();
  const queue = await listWorkQueue(db, {
    status,
    page: Number.isFinite(requestedPage) ? requestedPage : 1,
  });
  const t = await getTranslations('StaffQueuePage');
  const apps = await getTranslations('Applications');
  const format = await getFormatter();
  const pageQuery = (page: number) => ({
    ...(status ? { status } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  });
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="status" className="mb-1 block font-bold">
            {t('filter.status')}
          </label>
          <select
            id="status"
            name="status"
            autoComplete="off"
            defaultValue={status ?? ''}
            className="input w-full bg-white sm:w-auto"
          >
            <option value="">{t('filter.all')}</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {apps(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('filter.submit')}
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left text-neutral-700">
            {t('caption', { total: queue.total, page: queue.page, pageCount: queue.pageCount })}
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
              <th scope="col" className="py-2">
                {t('columns.submittedAt')}
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
                <td className="py-2 whitespace-nowrap">
                  {row.submittedAt ? format.dateTime(row.submittedAt, { dateStyle: 'medium' }) : ''}
                </td>
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
                <AppLink href="/staff/applications" query={pageQuery(queue.page - 1)} rel="prev">
                  {t('previous')}
                </AppLink>
              </li>
            ) : null}
            {queue.page < queue.pageCount ? (
              <li>
                <AppLink href="/staff/applications" query={pageQuery(queue.page + 1)} rel="next">
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
