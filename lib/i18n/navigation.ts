import { createNavigation } from 'next-intl/navigation';
import { isLocale, routing, type AppPathname, type Locale } from './routing';

export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);

/** The public path of an internal route in a locale, e.g. ('/login', 'fr') → '/fr/connexion'. */
export function localizedPath(pathname: AppPathname, locale: Locale): string {
  return getPathname({ href: pathname, locale });
}

/**
 * The internal route of a public path, e.g. '/fr/connexion' → { locale: 'fr', pathname: '/login' }:
 * the route whose `getPathname` in that locale it is (next-intl exports no reverse lookup).
 * Returns null for paths outside the table.
 */
export function internalPath(publicPath: string): { locale: Locale; pathname: AppPathname } | null {
  const locale = publicPath.split('/')[1];
  if (!isLocale(locale)) return null;
  const path = publicPath.replace(/(.)\/+$/, '$1');
  const pathname = (Object.keys(routing.pathnames) as AppPathname[]).find(
    (key) => getPathname({ href: key, locale }) === path,
  );
  return pathname ? { locale, pathname } : null;
}
