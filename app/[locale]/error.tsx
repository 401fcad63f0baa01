'use client';

import { useTranslations } from 'next-intl';
import { Link } from '@/lib/i18n/navigation';

/** No stack trace or database message ever reaches the browser (ERR-01). */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('ErrorPage');
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8">
      <title>{t('title')}</title>
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6">{t('body')}</p>
      <div className="flex gap-4">
        <button type="button" className="btn-primary" onClick={reset}>
          {t('retry')}
        </button>
        <Link href="/" className="btn-secondary">
          {t('home')}
        </Link>
      </div>
    </main>
  );
}
