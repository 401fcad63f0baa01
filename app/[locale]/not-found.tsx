import { getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/app/_components/site-header';
import { AppLink } from '@/app/_components/app-link';

export default async function NotFound() {
  const t = await getTranslations('NotFoundPage');
  return (
    <>
      <title>{t('title')}</title>
      <SiteHeader variant="public" />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8">
        <h1 className="page-title">{t('title')}</h1>
        <p className="mb-6">{t('body')}</p>
        <AppLink href="/">{t('home')}</AppLink>
      </main>
    </>
  );
}
