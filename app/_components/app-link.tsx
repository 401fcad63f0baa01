import type { AnchorHTMLAttributes } from 'react';
import { getLocale } from 'next-intl/server';
import { isLocale, type AppPathname } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * A link to one of the portal's pages in the current language, rendered on the server as a plain
 * <a>: no client-side router code is sent for it (it matters for the weight of public pages),
 * and the browser simply loads the page.
 */
export async function AppLink({
  href,
  query,
  ...anchor
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: AppPathname;
  query?: Record<string, string>;
}) {
  const locale = await getLocale();
  const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : '';
  return <a href={localizedPath(href, isLocale(locale) ? locale : 'fr') + search} {...anchor} />;
}
