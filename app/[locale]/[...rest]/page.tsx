import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { SiteHeader } from '@/app/_components/site-header';

/**
 * Any unknown path under a locale: the localized "page not found" page, rendered as a page
 * rather than through `notFound()`, whose server HTML in Next.js 16 is an empty error shell
 * that only JavaScript fills in. Middleware gives it the 404 status (middleware.ts), and the
 * locale layout its title. (No `[locale]/not-found.tsx`: Next.js would render it ahead of time
 * in every page's response, and no page under a locale calls `notFound()` for it; app/not-found.tsx
 * stays the last resort.)
 */
export default async function CatchAll() {
  const t = await getTranslations('NotFoundPage');
  return (
    <>
      <SiteHeader variant="public" />
      <main id="main" tabIndex={-1} className="page-column py-8">
        <h1 className="page-title">{t('title')}</h1>
        <p className="mb-6">{t('body')}</p>
        <AppLink href="/">{t('home')}</AppLink>
      </main>
    </>
  );
}
