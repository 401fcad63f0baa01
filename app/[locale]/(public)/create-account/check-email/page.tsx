import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pendingEmail } from '@/lib/accounts/pending-email-cookie';
import { AppLink } from '@/app/_components/app-link';
import { resendToPendingEmailAction } from '../../resend-activation/actions';
import { pageLocale } from '@/lib/i18n/page-locale';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'CheckEmailPage' });
  return { title: t('title') };
}

/** "Check your email": the address, the 48-hour expiry, the spam hint, resend, another address. */
export default async function CheckEmailPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const query = await searchParams;
  const t = await getTranslations('CheckEmailPage');
  const tf = await getTranslations('Form');
  const email = await pendingEmail();
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {query.resent ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {email
            ? t.rich('resentTo', {
                email,
                strong: (chunks) => <strong className="break-all">{chunks}</strong>,
              })
            : t('resent')}
        </p>
      ) : null}
      {query.limited ? (
        <p role="alert" className="mb-6 border-l-4 border-error bg-red-50 p-3">
          {tf('tooManyRequests')}
        </p>
      ) : null}
      {/* After a resend, the notice above says it all: no account may match the address. */}
      {query.resent ? null : email ? (
        <p className="mb-4">
          {t.rich('sentTo', {
            email,
            strong: (chunks) => <strong className="break-all">{chunks}</strong>,
          })}
        </p>
      ) : (
        <p className="mb-4">{t('sentToUnknown')}</p>
      )}
      <p className="mb-4">{t('expiry')}</p>
      <p className="mb-8">{t('spam')}</p>
      <h2 className="mb-3 text-xl font-bold text-ottawa-navy">{t('resendTitle')}</h2>
      <div className="flex flex-wrap items-center gap-6">
        {email ? (
          <form action={resendToPendingEmailAction}>
            <button type="submit" className="btn-primary">
              {t('resend')}
            </button>
          </form>
        ) : (
          <AppLink href="/resend-activation" className="btn-primary">
            {t('resend')}
          </AppLink>
        )}
        <AppLink href="/create-account">{t('differentAddress')}</AppLink>
      </div>
    </main>
  );
}
