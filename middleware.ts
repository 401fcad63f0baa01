import createIntlMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import unavailableText from '@/messages/global-error.json';
import { SESSION_COOKIE } from '@/lib/auth/config';
import { readSessionToken } from '@/lib/auth/session-token';
import {
  nowSeconds,
  sessionAge,
  sessionCookieWithActivity,
  shouldRecordActivity,
} from '@/lib/auth/session-policy';
import { databaseRecentlyUnavailable, UNAVAILABLE_RETRY_SECONDS } from '@/lib/db/availability';
import {
  internalPath,
  isLocale,
  localizedPath,
  routing,
  type AppPathname,
  type Locale,
} from '@/lib/i18n/routing';
import { rewriteToRoute, rewriteUnknownPage } from '@/lib/i18n/localized-rewrite';
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy } from '@/lib/security/headers';

/**
 * Locale negotiation (next-intl) and the optimistic "signed in?" redirect, decided on the
 * internal route from the session token; the registration step is decided by the area's pages. Only a first gate: every page, action and route
 * handler checks again against the database.
 */
const intl = createIntlMiddleware(routing);

const SIGNED_IN_ONLY = new Set<AppPathname>([
  '/dashboard',
  '/settings',
  '/settings/contact-details',
  '/settings/language',
  '/settings/password',
  '/settings/email',
  '/building-code-services',
  '/building-code-services/register',
  '/building-code-services/register/client-record',
  '/building-code-services/profile',
]);
/** Open to everyone, but a signed-in visit counts as activity (SES-02): "Aide". */
const SESSION_AWARE = new Set<AppPathname>(['/help']);
/**
 * Pages whose URL carries a one-time token: no Referer may leak it to another site (HDR-03).
 * `same-origin` rather than `no-referrer`: with no-referrer, browsers send `Origin: null` on the
 * page's own form POST, which the server-action origin check rightly refuses (no JavaScript).
 */
const TOKEN_PAGES = new Set<AppPathname>(['/activate', '/reset-password', '/confirm-email']);

export default async function middleware(req: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== 'production');
  const route = internalPath(req.nextUrl.pathname);
  const publicPath = req.nextUrl.pathname + req.nextUrl.search;

  const token =
    route && (SIGNED_IN_ONLY.has(route.pathname) || SESSION_AWARE.has(route.pathname))
      ? await readSessionToken(req.cookies.get(SESSION_COOKIE)?.value)
      : null;
  const now = nowSeconds();
  const age = token?.sub ? sessionAge(token, now) : null;
  const signedIn = age === 'fresh';

  let response: NextResponse;
  if (route && databaseRecentlyUnavailable()) {
    response = unavailablePage(route.locale);
  } else if (route && SIGNED_IN_ONLY.has(route.pathname) && !signedIn) {
    const login = new URL(localizedPath('/login', route.locale), req.url);
    // An idle (SES-02) or 12-hour-old (SES-03) session says why the person must sign in again.
    if (age === 'idle') login.searchParams.set('notice', 'timedOut');
    if (age === 'expired') login.searchParams.set('notice', 'sessionExpired');
    login.searchParams.set('callbackUrl', publicPath);
    response = NextResponse.redirect(login);
    if (age) response.cookies.delete(SESSION_COOKIE);
  } else if (
    route &&
    token?.pwc &&
    SIGNED_IN_ONLY.has(route.pathname) &&
    route.pathname !== '/settings/password'
  ) {
    // PWD-09: a password flagged as compromised must be changed before anything else.
    response = NextResponse.redirect(
      new URL(localizedPath('/settings/password', route.locale), req.url),
    );
  } else {
    const headers = new Headers(req.headers);
    // Never let a client-sent internal header reach the app (CVE-2025-29927, DEP-01).
    headers.delete('x-middleware-subrequest');
    headers.set('content-security-policy', csp);
    headers.set('x-nonce', nonce);
    headers.set('x-monso-path', publicPath);
    const firstSegment = req.nextUrl.pathname.split('/')[1];
    response = route
      ? rewriteToRoute(req, route, headers)
      : isLocale(firstSegment)
        ? rewriteUnknownPage(req, firstSegment, headers)
        : intl(new NextRequest(req.url, { headers, method: req.method }));
    // A signed-in page load is activity: move the idle deadline (GET only, so a sign-out POST
    // never gets its deleted cookie back).
    if (token && signedIn && req.method === 'GET' && shouldRecordActivity(token, now)) {
      const cookie = await sessionCookieWithActivity(token, now);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
    }
  }

  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set('Content-Security-Policy', csp);
  if (route && SIGNED_IN_ONLY.has(route.pathname)) {
    response.headers.set('Cache-Control', 'no-store');
  }
  if (route && TOKEN_PAGES.has(route.pathname)) {
    response.headers.set('Referrer-Policy', 'same-origin');
    response.headers.set('Cache-Control', 'no-store');
  }
  return response;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * ERR-01: while the database cannot be reached (lib/db/availability.ts), a plain page in the
 * page's language, then the other: 503 with Retry-After, no script, nothing about the cause.
 */
function unavailablePage(locale: Locale): NextResponse {
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const section = (l: Locale, heading: 'h1' | 'h2') =>
    `<${heading}>${escapeHtml(unavailableText[l].unavailableTitle)}</${heading}>` +
    `<p>${escapeHtml(unavailableText[l].unavailableBody)}</p>`;
  const html =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(unavailableText[locale].unavailableTitle)}</title></head>` +
    `<body><main id="main">${section(locale, 'h1')}` +
    `<div lang="${other}">${section(other, 'h2')}</div></main></body></html>`;
  return new NextResponse(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(UNAVAILABLE_RETRY_SECONDS),
      'Cache-Control': 'no-store',
    },
  });
}

export const config = {
  // Node.js rather than the Edge sandbox: measurably less work per request (bench/RESULTS.md).
  runtime: 'nodejs',
  // Everything but API routes, Next.js internals, the dev mailbox and files with an extension.
  matcher: ['/((?!api|_next|dev|.*\\..*).*)'],
};
