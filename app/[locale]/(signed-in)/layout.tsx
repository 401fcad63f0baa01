import type { ReactNode } from 'react';
import { ClientMessages } from '@/app/_components/client-messages';
import { IdleWarning } from '@/app/_components/idle-warning';
import { SiteHeader } from '@/app/_components/site-header';
import { IDLE_TIMEOUT_SECONDS, IDLE_WARNING_SECONDS } from '@/lib/auth/session-policy';
import { requireUser } from '@/lib/auth/session';
import { pageLocale } from '@/lib/i18n/page-locale';

/** Everything under here needs a live session, checked against the database (not the token). */
export default async function SignedInLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  await requireUser(await pageLocale(params));
  return (
    <>
      <SiteHeader variant="signed-in" />
      {children}
      <ClientMessages namespaces={['IdleWarning']}>
        <IdleWarning idleSeconds={IDLE_TIMEOUT_SECONDS} warningSeconds={IDLE_WARNING_SECONDS} />
      </ClientMessages>
    </>
  );
}
