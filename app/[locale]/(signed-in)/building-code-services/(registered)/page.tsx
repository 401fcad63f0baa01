import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageLocale } from '@/lib/i18n/page-locale';
import { AppLink } from '@/app/_components/app-link';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { getDb } from '@/lib/db/client';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'BuildingHomePage' });
  return { title: t('title') };
}

/** "Services du Code du bâtiment": where applications start once registration is done. */
export default async function BuildingHomePage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user, registration } = await requireRegistrationState(locale, ['registered']);
  const t = await getTranslations('BuildingHomePage');
  const r = registration!;
  const details = await getContactDetails(await getDb(), user.id);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {details ? (
        <p className="mb-1 text-xl font-semibold">
          {t('greeting', { name: details.firstName ?? '' })}
        </p>
      ) : null}
      <p className="mb-8 max-w-prose">{t('intro')}</p>
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
          aria-labelledby="requests-title"
          className="rounded border-2 border-neutral-300 p-5"
        >
          <h2 id="requests-title" className="mb-3 text-xl font-bold text-ottawa-navy">
            {t('requestsTitle')}
          </h2>
          {/* Applications come later: say so, and how to reach the City until then. */}
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
