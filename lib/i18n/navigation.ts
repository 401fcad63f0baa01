import { createNavigation } from 'next-intl/navigation';
import {
  isLocale,
  routing,
  type AppPathname,
  type DynamicPathname,
  type Locale,
  type RouteParams,
  type StaticPathname,
} from './routing';

export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);

/** The public path of an internal route in a locale, e.g. ('/login', 'fr') → '/fr/connexion'. */
export function localizedPath(pathname: StaticPathname, locale: Locale): string {
  return getPathname({ href: pathname, locale });
}

/**
 * The public path of a route with parameters, e.g.
 * ('/building-code-services/applications/[reference]', 'fr', { reference: 'CON-2026-000001' })
 * → '/fr/services-du-code-du-batiment/demandes/CON-2026-000001'.
 */
export function localizedDynamicPath(
  pathname: DynamicPathname,
  locale: Locale,
  params: RouteParams,
): string {
  return getPathname({ href: { pathname, params } as never, locale });
}

/** Any route's public path: with its parameters when it has some. */
export function routePath(pathname: AppPathname, locale: Locale, params: RouteParams = {}): string {
  return pathname.includes('[')
    ? localizedDynamicPath(pathname as DynamicPathname, locale, params)
    : localizedPath(pathname as StaticPathname, locale);
}

/** Each locale's routes with parameters, as patterns: `[reference]` matches one path segment. */
const DYNAMIC_ROUTES = Object.fromEntries(
  routing.locales.map((locale) => [
    locale,
    (Object.keys(routing.pathnames) as AppPathname[])
      .filter((key) => key.includes('['))
      .map((key) => {
        const entry = routing.pathnames[key] as string | Record<Locale, string>;
        const template = typeof entry === 'string' ? entry : entry[locale];
        const names = [...template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
        const source = template
          .split(/\[\w+\]/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('([^/]+)');
        return { pathname: key, names, pattern: new RegExp(`^/${locale}${source}$`) };
      }),
  ]),
) as Record<Locale, { pathname: AppPathname; names: string[]; pattern: RegExp }[]>;

/**
 * The internal route of a public path, e.g. '/fr/connexion' → { locale: 'fr', pathname: '/login' }:
 * the route whose `getPathname` in that locale it is (next-intl exports no reverse lookup).
 * Returns null for paths outside the table.
 */
export function internalPath(
  publicPath: string,
): { locale: Locale; pathname: AppPathname; params: RouteParams } | null {
  const locale = publicPath.split('/')[1];
  if (!isLocale(locale)) return null;
  const path = publicPath.replace(/(.)\/+$/, '$1');
  // A route without parameters first: '/demandes/nouvelle' is not the reference "nouvelle".
  const pathname = (Object.keys(routing.pathnames) as AppPathname[]).find(
    (key) => !key.includes('[') && getPathname({ href: key as StaticPathname, locale }) === path,
  );
  if (pathname) return { locale, pathname, params: {} };
  for (const route of DYNAMIC_ROUTES[locale]) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const values = match.slice(1).map((value) => {
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    });
    if (values.some((v) => v === null)) return null;
    const params = Object.fromEntries(route.names.map((name, i) => [name, values[i]!]));
    return { locale, pathname: route.pathname, params };
  }
  return null;
}
