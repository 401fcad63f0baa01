import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { PinForm } from '../../register/client-record/pin-form';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';
import { AppLink } from '@/app/_components/app-link';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { linkedRecordHint } from '@/lib/clients/record-hint';
import { getDb } from '@/lib/db/client';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'BuildingProfilePage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * "Mon profil": the client record (or a way to link one), the person's contact details — the one
 * set "Mes coordonnées" shows too, with "Modifier" per row — and the consent.
 */
export default async function BuildingProfilePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user, registration } = await requireRegistrationState(locale, ['registered']);
  const t = await getTranslations('BuildingProfilePage');
  const settings = await getTranslations('SettingsPage');
  const format = await getFormatter();
  const r = registration!;
  const query = await searchParams;
  const justLinked = query.linked === '1' && r.clientNumber;
  const justSaved = query.notice === 'contactSaved';
  const details = await getContactDetails(await getDb(), user.id);
  // Just linked: a masked detail of the record, so the person sees it is theirs.
  const recordHint = justLinked ? await linkedRecordHint(await getDb(), user.id) : null;
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      {justLinked ? (
        <p
          role="status"
          className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3 font-semibold"
        >
          {t('linked', { clientNumber: r.clientNumber! })}
          {recordHint ? (
            <span className="mt-1 block font-normal">
              {t('linkedAddress', { address: recordHint })}
            </span>
          ) : null}
        </p>
      ) : null}
      {justSaved ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {settings('notices.contactSaved')}
        </p>
      ) : null}
      <h1 className="page-title">{t('title')}</h1>
      <section aria-labelledby="record-title" className="mb-8">
        <h2 id="record-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('clientRecordTitle')}
        </h2>
        {r.clientNumber ? (
          <p>
            <strong>{t('clientNumber')}</strong> {r.clientNumber}
          </p>
        ) : (
          <>
            <p className="mb-4 max-w-prose">{t('noClientRecord')}</p>
            <div className="max-w-md">
              <ClientMessages namespaces={['ClientRecordPage', 'Pin']}>
                <PinForm pageTitle={t('title')} />
              </ClientMessages>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="profile-title" className="mb-8">
        <h2 id="profile-title" className="mb-3 text-xl font-bold text-ottawa-navy">
          {t('profileTitle')}
        </h2>
        <p className="mb-4 max-w-prose">{t('profileIntro')}</p>
        {details ? (
          <ProfileSummary profile={details} changeFrom="profile" />
        ) : (
          <AppLink
            href="/settings/contact-details/edit"
            query={{ from: 'profile' }}
            className="btn-primary"
          >
            {settings('contact.add')}
          </AppLink>
        )}
      </section>
      <section aria-labelledby="consent-title">
        <h2 id="consent-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('consentTitle')}
        </h2>
        <p>{t('consentedOn', { date: format.dateTime(r.consentedAt, { dateStyle: 'long' }) })}</p>
      </section>
    </main>
  );
}
