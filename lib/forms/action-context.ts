import 'server-only';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { isLocale, type Locale } from '@/lib/i18n/routing';
import { clientIp } from '@/lib/security/client-ip';

export interface ActionContext {
  locale: Locale;
  ip: string;
  /** False when the request did not come from one of our own pages (CSRF-01). */
  sameOrigin: boolean;
}

/**
 * Next.js rejects a server action whose Origin differs from the Host, but lets one through with
 * no Origin at all. We also refuse that, and any Sec-Fetch-Site other than same-origin.
 */
export async function actionContext(): Promise<ActionContext> {
  const h = await headers();
  const requested = await getLocale();
  const locale: Locale = isLocale(requested) ? requested : 'fr';
  return { locale, ip: clientIp(h), sameOrigin: isSameOriginRequest(h) };
}

/** The Origin / Sec-Fetch-Site check above, for route handlers that change state (CSRF-02). */
export function isSameOriginRequest(h: Headers): boolean {
  const origin = h.get('origin');
  const host = h.get('x-forwarded-host') ?? h.get('host');
  const fetchSite = h.get('sec-fetch-site');
  let sameOrigin = Boolean(origin && host);
  if (origin && host) {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  }
  if (fetchSite && fetchSite !== 'same-origin') sameOrigin = false;
  return sameOrigin;
}
