import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';

/**
 * What a staff member of another role gets instead of a page (STF-02): the "page not found"
 * text, never the data. The status is the middleware's (see middleware.ts: staff routes).
 */
export async function StaffNotFound() {
  const t = await getTranslations('NotFoundPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6">{t('body')}</p>
      <AppLink href="/staff/applications">{t('home')}</AppLink>
    </main>
  );
}
