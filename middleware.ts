import NextAuth from 'next-auth';
import createIntlMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { authConfig } from '@/lib/auth/config';
import { internalPath, localizedPath, routing, type AppPathname } from '@/lib/i18n/routing';
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy } from '@/lib/security/headers';

/**
 * Locale negotiation (next-intl) and the optimistic "signed in?" redirect, decided on the
 * internal route. Only a first gate: every page and action checks again against the database.
 */
const { auth } = NextAuth(authConfig);
const intl = createIntlMiddleware(routing);

const SIGNED_IN_ONLY = new Set<AppPathname>([
  '/dashboard',
  '/settings',
  '/building-code-services',
  '/building-code-services/register',
  '/building-code-services/register/client-record',
  '/building-code-services/profile',
]);
/** Pages whose URL carries a one-time token: no Referer may leak it (HDR-03). */
const TOKEN_PAGES = new Set<AppPathname>(['/activate', '/reset-password']);

export default auth((req) => {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== 'production');
  const route = internalPath(req.nextUrl.pathname);
  const publicPath = req.nextUrl.pathname + req.nextUrl.search;

  let response: NextResponse;
  if (route && SIGNED_IN_ONLY.has(route.pathname) && !req.auth?.user) {
    const login = new URL(localizedPath('/login', route.locale), req.url);
    login.searchParams.set('callbackUrl', publicPath);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(req.headers);
    // Never let a client-sent internal header reach the app (CVE-2025-29927, DEP-01).
    headers.delete('x-middleware-subrequest');
    headers.set('content-security-policy', csp);
    headers.set('x-nonce', nonce);
    headers.set('x-monso-path', publicPath);
    response = intl(new NextRequest(req.url, { headers, method: req.method }));
  }

  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set('Content-Security-Policy', csp);
  if (route && SIGNED_IN_ONLY.has(route.pathname)) {
    response.headers.set('Cache-Control', 'no-store');
  }
  if (route && TOKEN_PAGES.has(route.pathname)) {
    response.headers.set('Referrer-Policy', 'no-referrer');
    response.headers.set('Cache-Control', 'no-store');
  }
  return response;
});

export const config = {
  // Everything but API routes, Next.js internals, the dev mailbox and files with an extension.
  matcher: ['/((?!api|_next|dev|.*\\..*).*)'],
};
