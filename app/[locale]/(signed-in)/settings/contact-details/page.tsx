import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { pageLocale } from '@/lib/i18n/page-locale';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsContactPage' });
  return { title: t('title') };
}

/**
 * "Mes paramètres" › "Mes coordonnées": the person's one set of contact details, the same that
 * "Mon profil" shows and applications use, as a summary list with "Modifier" per row.
 */
export default async function ContactDetailsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  const saved = (await searchParams).notice === 'contactSaved';
  const t = await getTranslations('SettingsContactPage');
  const settings = await getTranslations('SettingsPage');
  const format = await getFormatter();
  const details = await getContactDetails(await getDb(), user.id);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {saved ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {settings('notices.contactSaved')}
        </p>
      ) : null}
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      {details ? (
        <>
          <ProfileSummary profile={details} changeFrom="contact" />
          <p className="mt-4 mb-6">
            {t('updatedOn', {
              date: format.dateTime(details.updatedAt, {
                dateStyle: 'long',
                timeStyle: 'short',
                timeZone: 'America/Toronto',
              }),
            })}
          </p>
        </>
      ) : (
        <>
          <p className="mb-4 max-w-prose">{t('none')}</p>
          <p className="mb-6">
            <AppLink href="/settings/contact-details/edit" className="btn-primary">
              {settings('contact.add')}
            </AppLink>
          </p>
        </>
      )}
      <p>
        <AppLink href="/settings">{settings('back')}</AppLink>
      </p>
    </main>
  );
}
