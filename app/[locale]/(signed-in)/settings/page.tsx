import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { getContactDetails } from '@/lib/accounts/contact-details';
import {
  RECENT_ACTIVITY_LIMIT,
  recentSecurityActivity,
} from '@/lib/accounts/recent-security-activity';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { pageLocale } from '@/lib/i18n/page-locale';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const NOTICES = [
  'contactSaved',
  'languageSaved',
  'passwordChanged',
  'emailChangeSent',
  'emailChanged',
] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsPage' });
  return { title: t('title') };
}

/**
 * "Mes paramètres": the account at a glance, each part with the page that changes it, and the
 * account's recent security activity.
 */
export default async function SettingsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  const query = await searchParams;
  const t = await getTranslations('SettingsPage');
  const format = await getFormatter();
  const db = await getDb();
  const [contact, activity] = await Promise.all([
    getContactDetails(db, user.id),
    recentSecurityActivity(db, user.id),
  ]);
  const notice = NOTICES.find((n) => n === query.notice);
  const section = 'mb-8 rounded border-2 border-neutral-300 p-5';
  const heading = 'mb-2 text-2xl font-bold text-ottawa-navy';
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {notice ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      <p className="mb-8 max-w-prose">{t('intro')}</p>

      <div className="grid gap-x-8 md:grid-cols-2">
        <section aria-labelledby="settings-email" className={section}>
          <h2 id="settings-email" className={heading}>
            {t('email.title')}
          </h2>
          <p className="mb-1 font-semibold break-all">{user.email}</p>
          <p className="mb-4">{t('email.current')}</p>
          <AppLink href="/settings/email">{t('email.change')}</AppLink>
        </section>
        <section aria-labelledby="settings-password" className={section}>
          <h2 id="settings-password" className={heading}>
            {t('password.title')}
          </h2>
          <p className="mb-4">{t('password.body')}</p>
          <AppLink href="/settings/password">{t('password.change')}</AppLink>
        </section>
        <section aria-labelledby="settings-contact" className={section}>
          <h2 id="settings-contact" className={heading}>
            {t('contact.title')}
          </h2>
          {contact ? (
            <>
              <div className="mb-3">
                <ProfileSummary profile={contact} compact />
              </div>
              <p className="mb-4">{t('contact.prefill')}</p>
              <AppLink href="/settings/contact-details">{t('contact.edit')}</AppLink>
            </>
          ) : (
            <>
              <p className="mb-4">{t('contact.none')}</p>
              <AppLink href="/settings/contact-details/edit">{t('contact.add')}</AppLink>
            </>
          )}
        </section>
        <section aria-labelledby="settings-language" className={section}>
          <h2 id="settings-language" className={heading}>
            {t('language.title')}
          </h2>
          <p className="mb-4">{t('language.current', { language: user.locale })}</p>
          <AppLink href="/settings/language">{t('language.change')}</AppLink>
        </section>
      </div>

      <section aria-labelledby="settings-activity">
        <h2 id="settings-activity" className={heading}>
          {t('activity.title')}
        </h2>
        <p className="mb-4 max-w-prose">{t('activity.intro', { count: RECENT_ACTIVITY_LIMIT })}</p>
        {activity.length === 0 ? (
          <p>{t('activity.none')}</p>
        ) : (
          <table className="w-full text-left">
            <caption className="sr-only">{t('activity.title')}</caption>
            <thead>
              <tr className="border-b-2 border-neutral-400">
                <th scope="col" className="py-2 pr-4">
                  {t('activity.when')}
                </th>
                <th scope="col" className="py-2">
                  {t('activity.what')}
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.map((event, index) => (
                <tr key={index} className="border-b border-neutral-300">
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <time dateTime={event.occurredAt.toISOString()}>
                      {format.dateTime(event.occurredAt, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                        timeZone: 'America/Toronto',
                      })}
                    </time>
                  </td>
                  <td className="py-2">{t(`activity.types.${event.type}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
