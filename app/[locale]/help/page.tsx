import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppLink } from '@/app/_components/app-link';
import { SessionIdleWarning } from '@/app/_components/session-idle-warning';
import { SiteHeader } from '@/app/_components/site-header';
import { getCurrentUser } from '@/lib/auth/session';
import type { AppPathname } from '@/lib/i18n/routing';
import { pageLocale } from '@/lib/i18n/page-locale';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'HelpPage' });
  return { title: t('title') };
}

/** Each section: its id (the table of contents' anchor), its paragraphs and where its link goes. */
const SECTIONS = [
  { id: 'account', paragraphs: ['create', 'activate', 'password'], href: '/create-account' },
  { id: 'expiredLink', paragraphs: ['body', 'spam'], href: '/resend-activation' },
  { id: 'forgotPassword', paragraphs: ['body', 'locked'], href: '/forgot-password' },
  { id: 'pin', paragraphs: ['what', 'how', 'without'], href: null },
  { id: 'contact', paragraphs: ['phone', 'tty', 'never'], href: null },
  { id: 'languages', paragraphs: ['body', 'emails'], href: '/settings' },
] as const satisfies readonly {
  id: string;
  paragraphs: readonly string[];
  href: AppPathname | null;
}[];

/**
 * "Aide": open to everyone. A signed-in person keeps their own menu in the header and the idle
 * warning, so the page asks who is there (one database read) rather than living in either route
 * group; middleware counts a signed-in visit as activity.
 */
export default async function HelpPage({ params }: Props) {
  await pageLocale(params);
  const t = await getTranslations('HelpPage');
  const signedIn = Boolean(await getCurrentUser());
  return (
    <>
      <SiteHeader variant={signedIn ? 'signed-in' : 'public'} />
      <main id="main" tabIndex={-1} className="page-column py-8">
        <h1 className="page-title">{t('title')}</h1>
        <p className="mb-6 max-w-prose">{t('intro')}</p>
        <nav aria-labelledby="help-contents" className="mb-10 rounded bg-neutral-100 p-5">
          <h2 id="help-contents" className="mb-2 text-lg font-bold text-ottawa-navy">
            {t('contents')}
          </h2>
          <ul className="list-disc space-y-1 pl-6">
            {SECTIONS.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`} className="block">
                  {t(`${section.id}.title`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {SECTIONS.map((section) => (
          <section key={section.id} aria-labelledby={section.id} className="mb-10">
            <h2 id={section.id} className="mb-3 text-2xl font-bold text-ottawa-navy">
              {t(`${section.id}.title`)}
            </h2>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph} className="mb-3 max-w-prose">
                {t.rich(`${section.id}.${paragraph}` as 'account.create', {
                  link: (chunks: ReactNode) =>
                    section.href ? <AppLink href={section.href}>{chunks}</AppLink> : chunks,
                })}
              </p>
            ))}
          </section>
        ))}
      </main>
      {signedIn ? <SessionIdleWarning /> : null}
    </>
  );
}
