'use client';

import { useLocale, useTranslations } from 'next-intl';
import { usePathname, useSearchParams } from 'next/navigation';
import { internalPath, routePath } from '@/lib/i18n/navigation';

/**
 * A link to the same page in the other language (UX 16), not a select. A plain <a>: the new
 * page loads whole, with its own <html lang>.
 */
export function LanguageToggle() {
  const t = useTranslations('Layout.languageToggle');
  const locale = useLocale();
  const other = locale === 'fr' ? 'en' : 'fr';
  const route = internalPath(usePathname());
  const search = useSearchParams().toString();
  const href =
    routePath(route?.pathname ?? '/', other, route?.params) + (route && search ? `?${search}` : '');
  return (
    <a
      href={href}
      lang={t('lang')}
      hrefLang={t('lang')}
      className="inline-block min-w-6 text-center font-semibold text-white no-underline hover:underline"
    >
      <span aria-hidden="true">{t('short')}</span>
      <span className="sr-only">{t('label')}</span>
    </a>
  );
}
