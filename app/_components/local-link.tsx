'use client';

import { useLocale } from 'next-intl';
import type { AnchorHTMLAttributes } from 'react';
import { isLocale, type StaticPathname } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';

/** AppLink's counterpart inside client components: a plain <a> to a page in this language. */
export function LocalLink({
  href,
  ...anchor
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: StaticPathname }) {
  const locale = useLocale();
  return <a href={localizedPath(href, isLocale(locale) ? locale : 'fr')} {...anchor} />;
}
