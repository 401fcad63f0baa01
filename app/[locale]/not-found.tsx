import { getTranslations } from 'next-intl/server';
import { NotFoundContent } from '@/app/_components/not-found-content';

/**
 * What a page's `notFound()` shows under a locale. Unknown paths do not come here: middleware
 * answers them 404 with the catch-all page ([...rest]/page.tsx), whose HTML is the page itself.
 */
export default async function NotFound() {
  const t = await getTranslations('NotFoundPage');
  return (
    <>
      <title>{t('title')}</title>
      <NotFoundContent />
    </>
  );
}
