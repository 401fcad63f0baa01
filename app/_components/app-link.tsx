import type { AnchorHTMLAttributes } from 'react';
import { getLocale } from 'next-intl/server';
import { isLocale, type AppPathname, type RouteParams } from '@/lib/i18n/routing';
import { routePath } from '@/lib/i18n/navigation';

/**
 * A link to one of the portal's pages in the current language, rendered on the server as a plain
 * <a>: no client-side router code is sent for it (it matters for the weight of public pages),
 * and the browser simply loads the page.
 */
export async function AppLink({
  href,
  params,
  query,
  ...anchor
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: AppPathname;
  /** The route's parameters, when it has some ('[reference]'). */
  params?: RouteParams;
  query?: Record<string, string>;
}) {
  const locale = await getLocale();
  const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : '';
  return (
    <a href={routePath(href, isLocale(locale) ? locale : 'fr', params) + search} {...anchor} />
  );
}
