import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { IDLE_TIMEOUT_SECONDS } from '@/lib/auth/session-policy';
import { getCurrentUser } from '@/lib/auth/session';
import { redirect } from 'next/navigation';
import { AppLink } from '@/app/_components/app-link';
import { localizedPath } from '@/lib/i18n/navigation';
import { LoginForm } from './login-form';
import { pageLocale } from '@/lib/i18n/page-locale';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const NOTICES = [
  'activated',
  'signedOut',
  'alreadyActivated',
  'passwordReset',
  'timedOut',
  'sessionExpired',
] as const;
/** Notices of a session the portal ended, not of something the person did: information, not success. */
const INFORMATION: ReadonlySet<string> = new Set(['timedOut', 'sessionExpired', 'signInRequired']);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'LoginPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

export default async function LoginPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl) ?? undefined;
  if (await getCurrentUser()) {
    redirect(callbackUrl ?? localizedPath('/dashboard', locale));
  }
  const t = await getTranslations('LoginPage');
  // Sent here by a protected page (middleware, requireUser: a callbackUrl and no other notice):
  // say why.
  const noticeKey =
    NOTICES.find((n) => n === query.notice) ?? (callbackUrl ? 'signInRequired' : undefined);
  return (
    <main id="main" tabIndex={-1} className="page-column grid gap-10 py-8 md:grid-cols-2">
      <div>
        <ClientMessages namespaces={['LoginPage', 'Fields']}>
          <LoginForm
            callbackUrl={callbackUrl}
            notice={
              noticeKey
                ? {
                    // Whole minutes, as the idle timeout may be set in seconds.
                    text: t(`notices.${noticeKey}`, {
                      minutes: Math.max(1, Math.floor(IDLE_TIMEOUT_SECONDS / 60)),
                    }),
                    information: INFORMATION.has(noticeKey),
                  }
                : undefined
            }
          />
        </ClientMessages>
      </div>
      <section aria-labelledby="no-account" className="self-start rounded bg-neutral-100 p-6">
        <h2 id="no-account" className="mb-3 text-2xl font-bold text-ottawa-navy">
          {t('noAccountTitle')}
        </h2>
        <p className="mb-5">{t('noAccountText')}</p>
        <AppLink href="/create-account" className="btn-primary">
          {t('createAccount')}
        </AppLink>
      </section>
    </main>
  );
}
