import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { listApplications } from '@/lib/applications/list-applications';
import { isReference } from '@/lib/applications/paths';
import { pageLocale } from '@/lib/i18n/page-locale';
import { AppLink } from '@/app/_components/app-link';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { getDb } from '@/lib/db/client';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ notice?: string; reference?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'BuildingHomePage' });
  return { title: t('title') };
}

/** "Services du Code du bâtiment": where applications start once registration is done. */
export default async function BuildingHomePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user, registration } = await requireRegistrationState(locale, ['registered']);
  const t = await getTranslations('BuildingHomePage');
  const r = registration!;
  const db = await getDb();
  const [details, list] = await Promise.all([
    getContactDetails(db, user.id),
    listApplications(db, user.id),
  ]);
  const apps = await getTranslations('Applications');
  const pages = await getTranslations('ApplicationPages');
  const action = await getTranslations('ActionRequired');
  // Counted from the list's own column (one statement): the same decision as each row's mark.
  const needingAction = list.filter((a) => a.action !== null).length;
  const format = await getFormatter();
  const query = await searchParams;
  const deleted =
    query.notice === 'draftDeleted' && isReference(query.reference ?? '') ? query.reference : null;
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {details ? (
        <p className="mb-1 text-xl font-semibold">
          {t('greeting', { name: details.firstName ?? '' })}
        </p>
      ) : null}
      <p className="mb-8 max-w-prose">{t('intro')}</p>
      {deleted ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {pages('notices.deleted', { reference: deleted })}
        </p>
      ) : null}
      <section aria-labelledby="requests-title" className="mb-8">
        <h2 id="requests-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
          {t('requestsTitle')}
        </h2>
        <p className="mb-4">
          <AppLink href="/building-code-services/applications/new" className="btn-primary">
            {t('start')}
          </AppLink>
        </p>
        {needingAction > 0 ? (
          <p className="mb-4 font-semibold">{action('count', { count: needingAction })}</p>
        ) : null}
        {list.length === 0 ? (
          <p>{t('applicationsEmpty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left text-neutral-700">{t('table.caption')}</caption>
              <thead>
                <tr className="border-b-2 border-neutral-400">
                  <th scope="col" className="py-2 pr-4">
                    {t('table.reference')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('table.type')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('table.address')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('table.status')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('table.lastChange')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.reference} className="border-b border-neutral-300 align-top">
                    <th scope="row" className="py-2 pr-4 font-normal whitespace-nowrap">
                      <AppLink
                        href="/building-code-services/applications/[reference]"
                        params={{ reference: a.reference }}
                      >
                        {a.reference}
                      </AppLink>
                    </th>
                    <td className="py-2 pr-4">{apps(`types.${a.type}.name` as never)}</td>
                    <td className="py-2 pr-4">{a.siteAddress ?? pages('review.notProvided')}</td>
                    <td className="py-2 pr-4">
                      <span className="font-semibold">{apps(`statuses.${a.status}` as never)}</span>
                      {a.action ? (
                        <span className="mt-1 block w-fit rounded bg-ottawa-navy px-2 text-sm font-semibold text-white">
                          {action(`mark.${a.action}`)}
                        </span>
                      ) : null}
                      {a.withdrawalRequested ? (
                        <span className="block text-sm">{t('table.withdrawalRequested')}</span>
                      ) : null}
                      {a.deletesAt ? (
                        <span className="block text-sm text-neutral-700">
                          {t('table.deletesOn', { date: a.deletesAt })}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 whitespace-nowrap">
                      {format.dateTime(a.lastChangeAt, { dateStyle: 'medium' })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="grid gap-8 md:grid-cols-2">
        <section
          aria-labelledby="profile-title"
          className="rounded border-2 border-neutral-300 p-5"
        >
          <h2 id="profile-title" className="mb-3 text-xl font-bold text-ottawa-navy">
            {t('profileTitle')}
          </h2>
          {details ? <ProfileSummary profile={details} compact /> : null}
          <p className="mt-3">
            <strong>{t('clientNumber')}</strong> {r.clientNumber ?? t('noClientRecord')}
          </p>
          <p className="mt-3 flex flex-wrap gap-4">
            <AppLink href="/building-code-services/profile">
              {r.clientNumber ? t('editProfile') : t('linkLater')}
            </AppLink>
          </p>
        </section>
        <section
          aria-labelledby="contact-title"
          className="rounded border-2 border-neutral-300 p-5"
        >
          <h2 id="contact-title" className="mb-3 text-xl font-bold text-ottawa-navy">
            {t('contactTitle')}
          </h2>
          <p className="mb-3">{t('requestsText')}</p>
          <p>
            {t.rich('contact', {
              tel: (chunks) => <a href="tel:311">{chunks}</a>,
            })}
          </p>
        </section>
      </div>
      <section aria-labelledby="services-title" className="mt-8">
        <h2 id="services-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('servicesTitle')}
        </h2>
        <p className="mb-3">{t('servicesIntro')}</p>
        <ul className="list-disc space-y-1 pl-6">
          {t.rich('services', { li: (chunks) => <li>{chunks}</li> })}
        </ul>
      </section>
    </main>
  );
}
