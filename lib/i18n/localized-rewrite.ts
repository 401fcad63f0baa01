import { NextResponse, type NextRequest } from 'next/server';
import { isLocale, routing, type AppPathname, type Locale } from './routing';

/** The request header next-intl's server functions read the locale from. */
const LOCALE_HEADER = 'X-NEXT-INTL-LOCALE';

/**
 * What next-intl's middleware does for a path of the table in lib/i18n/routing.ts (e.g.
 * /fr/connexion), without its general path matching and locale negotiation, which cost
 * ≈ 0.3 ms a request (bench/RESULTS.md): rewrite to the internal route (/fr/login) with the
 * locale header, and keep the locale cookie in step. Every other path still goes through
 * next-intl (redirects of `/`, unknown paths). tests/unit/localized-rewrite.test.ts checks that
 * both give the same answer.
 */
export function rewriteToRoute(
  req: NextRequest,
  route: { locale: Locale; pathname: AppPathname },
  headers: Headers,
): NextResponse {
  headers.set(LOCALE_HEADER, route.locale);
  const url = req.nextUrl.clone();
  url.pathname = route.pathname === '/' ? `/${route.locale}` : `/${route.locale}${route.pathname}`;
  const response =
    url.pathname === req.nextUrl.pathname
      ? NextResponse.next({ request: { headers } })
      : NextResponse.rewrite(url, { request: { headers } });
  syncLocaleCookie(req, response, route.locale);
  return response;
}

/**
 * An unknown path under a locale (/fr/nulle-part): the catch-all page renders the localized
 * "page not found", and the 404 status is given here. (A page's `notFound()` would give the
 * status too, but Next.js 16 then serves an empty error shell that only JavaScript fills in.)
 */
export function rewriteUnknownPage(
  req: NextRequest,
  locale: Locale,
  headers: Headers,
): NextResponse {
  headers.set(LOCALE_HEADER, locale);
  return NextResponse.rewrite(req.nextUrl, { status: 404, request: { headers } });
}

/**
 * The locale cookie remembers the last language a page was opened in, for `/` (next-intl's
 * rule): set when it says otherwise, or when there is none and the browser's languages would
 * pick the other one. Only page loads count, not the router's background requests.
 */
function syncLocaleCookie(req: NextRequest, response: NextResponse, locale: Locale): void {
  // lib/i18n/routing.ts names the cookie; `true` (next-intl's default cookie) is not used.
  if (typeof routing.localeCookie !== 'object') return;
  const { name, ...options } = routing.localeCookie;
  if (!name) return;
  const dest = req.headers.get('sec-fetch-dest');
  if (dest !== null && dest !== 'document') return;
  const current = req.cookies.get(name)?.value;
  const stale =
    current !== undefined
      ? current !== locale
      : acceptLanguageLocale(req.headers.get('accept-language')) !== locale;
  if (stale) response.cookies.set(name, locale, options);
}

/**
 * The portal locale an Accept-Language header prefers: the highest q-value whose primary
 * language is one of ours (fr-CA → fr), the default locale when none is. Undefined, as with
 * next-intl, when there is no header or it holds a tag that is not a language tag (`*`).
 */
export function acceptLanguageLocale(header: string | null): Locale | undefined {
  if (!header?.trim()) return undefined;
  let best: Locale = routing.defaultLocale;
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!tag || !(q > 0)) continue;
    try {
      Intl.getCanonicalLocales(tag);
    } catch {
      return undefined;
    }
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary) && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
