'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useParams, useSearchParams } from 'next/navigation';
import { Link, usePathname } from '@/lib/i18n/navigation';

/** A link to the same page in the other language (UX 16), not a select. */
export function LanguageToggle() {
  const t = useTranslations('Layout.languageToggle');
  const locale = useLocale();
  const pathname = usePathname();
  const params = useParams();
  const search = useSearchParams();
  const other = locale === 'fr' ? 'en' : 'fr';
  const query = Object.fromEntries(search.entries());
  const href = { pathname, params, query } as unknown as Parameters<typeof Link>[0]['href'];
  return (
    <Link
      href={href}
      locale={other}
      lang={t('lang')}
      hrefLang={t('lang')}
      className="font-semibold text-white no-underline hover:underline"
    >
      <span aria-hidden="true">{t('short')}</span>
      <span className="sr-only">{t('label')}</span>
    </Link>
  );
}
