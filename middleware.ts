import createIntlMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import unavailableText from '@/messages/global-error.json';
import { SESSION_COOKIE } from '@/lib/auth/config';
import { useSecureCookies } from '@/lib/auth/session-cookie';
import { readSessionToken } from '@/lib/auth/session-token';
import {
  nowSeconds,
  sessionAge,
  sessionCookieWithActivity,
  shouldRecordActivity,
} from '@/lib/auth/session-policy';
import {
  APPLICATION_ROUTES,
  ROUTE_CONDITIONS,
  applicationRouteTarget,
  ownsApplication,
} from '@/lib/applications/route-access';
import { databaseRecentlyUnavailable, UNAVAILABLE_RETRY_SECONDS } from '@/lib/db/availability';
import { getDb } from '@/lib/db/client';
import { getPathname, internalPath } from '@/lib/i18n/navigation';
import { isLocale, routing, type AppPathname, type Locale } from '@/lib/i18n/routing';
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy } from '@/lib/security/headers';
import { bucketPostOrigin } from '@/lib/storage/config';
import { PAGE_METHODS, refusedStatus } from '@/lib/security/request-guard';
import { ADMIN_ONLY, INSPECTORS, type StaffRole } from '@/lib/staff/roles';
import { STAFF_COOKIE } from '@/lib/staff/staff-cookie';
import { readStaffSession } from '@/lib/staff/staff-session';

/**
 * Locale handling (next-intl), the optimistic "signed in?" redirect, the idle-activity cookie,
 * the database-outage page and the security headers. Only a first gate: every layout, page,
 * action and route handler checks the session, the password-change flag (PWD-09) and the
 * registration step against the database (lib/auth/session.ts, lib/registration).
 */
const intl = createIntlMiddleware(routing);

const SIGNED_IN_ONLY = new Set<AppPathname>([
  '/dashboard',
  '/settings',
  '/settings/contact-details',
  '/settings/contact-details/edit',
  '/settings/language',
  '/settings/password',
  '/settings/email',
  '/building-code-services',
  '/building-code-services/register',
  '/building-code-services/register/client-record',
  '/building-code-services/profile',
  ...APPLICATION_ROUTES,
]);
/** Open to everyone, but a signed-in visit counts as activity (SES-02): "Aide". */
const SESSION_AWARE = new Set<AppPathname>(['/help']);
/**
 * Pages whose URL carries a one-time token: no Referer may leak it to another site (HDR-03).
 * `same-origin` rather than `no-referrer`: with no-referrer, browsers send `Origin: null` on the
 * page's own form POST, which the server-action origin check rightly refuses (no JavaScript).
 */
const TOKEN_PAGES = new Set<AppPathname>([
  '/activate',
  '/reset-password',
  '/confirm-email',
  '/staff/setup',
]);

/**
 * The staff area (STF-02): its own cookie, never the residents'. Without a staff cookie these go
 * to the staff sign-in; the pages check the session, its second factor and the role in the
 * database. Every staff page is no-store.
 */
const STAFF_SIGNED_IN = new Set<AppPathname>([
  '/staff/applications',
  '/staff/applications/[reference]',
  '/staff/inspections',
  '/staff/inspections/[inspectionId]',
  '/staff/team',
  '/staff/team/[staffId]',
  '/staff/support',
  '/staff/support/residents/[userId]',
  '/staff/support/client-pins',
  '/staff/setup/two-factor',
]);
/**
 * Staff pages for some roles only: another role gets the "page not found" status here, the text
 * from the page. Administrators only, and the inspectors' pages (inspectors and administrators).
 */
const STAFF_PAGE_ROLES = new Map<AppPathname, readonly StaffRole[]>([
  ...(
    [
      '/staff/team',
      '/staff/team/[staffId]',
      '/staff/support',
      '/staff/support/residents/[userId]',
      '/staff/support/client-pins',
    ] as const
  ).map((p) => [p, ADMIN_ONLY] as const),
  ['/staff/inspections', INSPECTORS],
  ['/staff/inspections/[inspectionId]', INSPECTORS],
]);
const isStaffRoute = (pathname: AppPathname) => pathname.startsWith('/staff/');

/** The path an unknown page is rewritten to: the catch-all page, naming no route (HDR-02). */
const NOT_FOUND_SEGMENT = 'not-found';

/** The bucket the browser posts documents to (STORAGE_DRIVER=s3), read once. */
let uploadOrigin: { value: string | null } | undefined;

export default async function middleware(req: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  uploadOrigin ??= { value: bucketPostOrigin() };
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV !== 'production',
    uploadOrigin.value,
  );
  const { pathname } = req.nextUrl;
  const route = internalPath(pathname);
  const publicPath = pathname + req.nextUrl.search;
  const locale = pathname.split('/')[1];

  // Refused before anything else: a refused request costs no session decryption.
  const refused = await refusedStatus(req);
  const token =
    route && (SIGNED_IN_ONLY.has(route.pathname) || SESSION_AWARE.has(route.pathname))
      ? await readSessionToken(req.cookies.get(SESSION_COOKIE)?.value)
      : null;
  const now = nowSeconds();
  const age = token?.sub ? sessionAge(token, now) : null;
  const signedIn = age === 'fresh';

  let response: NextResponse;
  if (refused) {
    // ERR-01: what Next.js would answer with a 500 and a stack in the log.
    response = plainResponse(refused);
    if (refused === 405) response.headers.set('Allow', PAGE_METHODS.join(', '));
  } else if (!route && !isLocale(locale) && /^\/_next\/|\.[^/]*$/.test(pathname)) {
    // A file that is not there (/favicon.ico, /robots.txt; /_next/image: the app has no images).
    response = plainResponse(404);
  } else if (route && databaseRecentlyUnavailable()) {
    response = unavailablePage(route.locale);
  } else if (route && STAFF_SIGNED_IN.has(route.pathname) && !req.cookies.get(STAFF_COOKIE)) {
    const login = new URL(getPathname({ href: '/staff/login', locale: route.locale }), req.url);
    login.searchParams.set('notice', 'signInRequired');
    response = NextResponse.redirect(login);
  } else if (route && SIGNED_IN_ONLY.has(route.pathname) && !signedIn) {
    const login = new URL(getPathname({ href: '/login', locale: route.locale }), req.url);
    // An idle (SES-02) or 12-hour-old (SES-03) session says why the person must sign in again.
    if (age === 'idle') login.searchParams.set('notice', 'timedOut');
    if (age === 'expired') login.searchParams.set('notice', 'sessionExpired');
    login.searchParams.set('callbackUrl', publicPath);
    response = NextResponse.redirect(login);
    // Deleted with the attributes it was set with: a browser ignores a `__Host-` cookie's
    // deletion that lacks `Secure`.
    if (age) {
      response.cookies.delete({
        name: SESSION_COOKIE,
        path: '/',
        secure: useSecureCookies,
        httpOnly: true,
        sameSite: 'lax',
      });
    }
  } else {
    const headers = new Headers(req.headers);
    // Never let a client-sent internal header reach the app (CVE-2025-29927, DEP-01).
    headers.delete('x-middleware-subrequest');
    headers.set('content-security-policy', csp);
    headers.set('x-nonce', nonce);
    headers.set('x-monso-path', publicPath);
    // Set only here, for the "page not found" title (app/[locale]/layout.tsx): never the client's.
    headers.delete('x-monso-not-found');
    if (
      (!route && isLocale(locale)) ||
      (await unknownApplication(route, token?.sub)) ||
      (await staffRoleRefused(route, req.cookies.get(STAFF_COOKIE)?.value))
    ) {
      // Any other path under a locale — /fr/nulle-part, an internal route's name (/fr/dashboard),
      // another locale's path (/en/connexion), /fr/x.php — is the localized "page not found":
      // only the routing table's paths serve pages. The catch-all page renders it, at a path
      // that matches no route, and the status is given here. (A page's `notFound()` would give
      // it too, but Next.js 16 then serves an empty error shell that only JavaScript fills in.)
      const pageLocale = route?.locale ?? (locale as Locale);
      headers.set('x-next-intl-locale', pageLocale);
      headers.set('x-monso-not-found', '1');
      response = NextResponse.rewrite(new URL(`/${pageLocale}/${NOT_FOUND_SEGMENT}`, req.url), {
        request: { headers },
        status: 404,
      });
    } else {
      // next-intl rewrites to the internal route with `new URL(path, request.url)`; `req.url` is
      // the address the server was reached at (next.config.ts: skipProxyUrlNormalize, for
      // vercel/next.js#94745), so Next.js sees the rewrite as internal.
      response = intl(new NextRequest(req.url, { headers, method: req.method }));
    }
    // A signed-in page load is activity: move the idle deadline (GET only, so a sign-out POST
    // never gets its deleted cookie back).
    if (token && signedIn && req.method === 'GET' && shouldRecordActivity(token, now)) {
      const cookie = await sessionCookieWithActivity(token, now);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
    }
  }

  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set('Content-Security-Policy', csp);
  if (route && (SIGNED_IN_ONLY.has(route.pathname) || isStaffRoute(route.pathname))) {
    response.headers.set('Cache-Control', 'no-store');
  }
  if (route && TOKEN_PAGES.has(route.pathname)) {
    response.headers.set('Referrer-Policy', 'same-origin');
    response.headers.set('Cache-Control', 'no-store');
  }
  return response;
}

/**
 * An application route that names no application of this person's (AUTHZ: ownership): an unknown
 * type or step, a malformed reference, or a reference that is not theirs — whether it exists or
 * not, the same "page not found". The page and its actions check again on the server; this is
 * what gives that answer its 404 status (a page's `notFound()` would not, see below).
 */
async function unknownApplication(
  route: ReturnType<typeof internalPath>,
  userId: string | undefined,
): Promise<boolean> {
  if (!route || !APPLICATION_ROUTES.has(route.pathname) || !userId) return false;
  const target = applicationRouteTarget(route.params);
  if (!target) return true;
  if (!target.reference) return false;
  // A page only some applications have (an inspection request: an issued permit's).
  const only = ROUTE_CONDITIONS[route.pathname];
  if (only && !only.types.includes(target.type?.key ?? '')) return true;
  return !(await ownsApplication(await getDb(), userId, target.reference, only?.statuses));
}

/**
 * A staff page for some roles (STAFF_PAGE_ROLES) opened by a full staff session of another role: the 404 status
 * (the page itself shows "page not found" and no data). No session, or one not yet past its
 * second factor: false, and the page sends the person to the staff sign-in.
 */
async function staffRoleRefused(
  route: ReturnType<typeof internalPath>,
  staffToken: string | undefined,
): Promise<boolean> {
  const roles = route ? STAFF_PAGE_ROLES.get(route.pathname) : undefined;
  if (!roles || !staffToken) return false;
  const staff = await readStaffSession(await getDb(), staffToken, new Date());
  return staff?.stage === 'full' && !roles.includes(staff.role);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
};

/** A short plain answer: a refused request or a missing file. */
function plainResponse(status: number): NextResponse {
  return new NextResponse(`${status} ${STATUS_TEXT[status] ?? ''}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
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
  // Everything but API routes, Next.js's built files and the dev mailbox: a path with a dot is a
  // page path too (/fr/x.php is the localized "page not found", with its CSP). /_next/image is
  // in, to be answered 404 here.
  matcher: ['/((?!api/|_next/(?!image)|dev/).*)'],
};
