import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { SiteHeader } from '@/app/_components/site-header';

/** The localized "page not found" page: header, message and a way home. */
export async function NotFoundContent() {
  const t = await getTranslations('NotFoundPage');
  return (
    <>
      <SiteHeader variant="public" />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8">
        <h1 className="page-title">{t('title')}</h1>
        <p className="mb-6">{t('body')}</p>
        <AppLink href="/">{t('home')}</AppLink>
      </main>
    </>
  );
}
