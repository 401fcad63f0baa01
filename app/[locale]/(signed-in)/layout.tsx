import type { ReactNode } from 'react';
import { SessionIdleWarning } from '@/app/_components/session-idle-warning';
import { SiteHeader } from '@/app/_components/site-header';
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
      <SessionIdleWarning />
    </>
  );
}
