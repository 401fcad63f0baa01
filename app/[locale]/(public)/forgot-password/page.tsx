import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { EmailRequestForm } from '@/app/_components/form/email-request-form';
import { resetEmail } from '@/lib/accounts/pending-email-cookie';
import { forgotPasswordAction } from './actions';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ForgotPasswordPage' });
  if ((await searchParams).sent) return { title: t('sent.title') };
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * "Mot de passe oublié?": the email form, then (after the POST redirects here with ?sent=1) the
 * same confirmation for every address (RST-01).
 */
export default async function ForgotPasswordPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const t = await getTranslations('ForgotPasswordPage');
  if ((await searchParams).sent) {
    // The address typed, from this browser's short-lived cookie (never the URL: PRIV-04).
    const email = await resetEmail();
    return (
      <main id="main" tabIndex={-1} className="page-column py-8">
        <h1 className="page-title">{t('sent.title')}</h1>
        <p className="mb-4 max-w-prose">
          {email
            ? t.rich('sent.bodyTo', {
                email,
                strong: (chunks) => <strong className="break-all">{chunks}</strong>,
              })
            : t('sent.body')}
        </p>
        <p className="mb-4 max-w-prose">{t('sent.validity')}</p>
        <p className="mb-8 max-w-prose">{t('sent.spam')}</p>
        <div className="flex flex-wrap items-center gap-6">
          <AppLink href="/login" className="btn-primary">
            {t('sent.login')}
          </AppLink>
          <AppLink href="/forgot-password">{t('sent.again')}</AppLink>
        </div>
      </main>
    );
  }
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['Fields']}>
        <EmailRequestForm
          action={forgotPasswordAction}
          texts={{ title: t('title'), intro: t('intro'), email: t('email'), submit: t('submit') }}
        />
      </ClientMessages>
      <p className="mt-8">
        <AppLink href="/login">{t('backToLogin')}</AppLink>
      </p>
    </main>
  );
}
