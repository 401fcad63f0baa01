'use client';

import { useLocale, useTranslations } from 'next-intl';
import { isLocale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';

/** No stack trace or database message ever reaches the browser (ERR-01). */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('ErrorPage');
  const locale = useLocale();
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <title>{t('title')}</title>
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6">{t('body')}</p>
      <div className="flex gap-4">
        <button type="button" className="btn-primary" onClick={reset}>
          {t('retry')}
        </button>
        <a href={localizedPath('/', isLocale(locale) ? locale : 'fr')} className="btn-secondary">
          {t('home')}
        </a>
      </div>
    </main>
  );
}
