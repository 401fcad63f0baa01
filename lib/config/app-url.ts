import { localizedPath } from '@/lib/i18n/navigation';
import { type Locale, type StaticPathname } from '@/lib/i18n/routing';

/**
 * The portal's public base URL, the only source of links in emails (MAIL-01): never the Host or
 * X-Forwarded-Host header of a request.
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.APP_URL;
  if (value) return value.replace(/\/+$/, '');
  if (env.NODE_ENV === 'production') throw new Error('APP_URL must be set in production');
  return 'http://localhost:3000';
}

/**
 * The one builder of absolute links for emails: `base` (deps.appUrl, from APP_URL) + the page's
 * localized path + an optional query (a one-time link's token).
 */
export function absoluteUrl(
  base: string,
  pathname: StaticPathname,
  locale: Locale,
  query?: Record<string, string>,
): string {
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  return `${base}${localizedPath(pathname, locale)}${search}`;
}
