import { NextRequest, NextResponse } from 'next/server';
import { handlers } from '@/lib/auth';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';
import { sessionUser } from '@/lib/auth/session';
import { readSessionToken } from '@/lib/auth/session-token';
import { withinBodyLimit } from '@/lib/security/body-limit';

export const runtime = 'nodejs';

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Auth.js's routes, only those the portal stands behind. The portal signs in and out through
 * server actions; over HTTP it keeps Auth.js's credentials callback and its CSRF token (the
 * double-submit check, CSRF-02), sign-out (which revokes, lib/auth/events.ts) and the session
 * endpoint (answered here from the data-access layer). Auth.js's built-in pages (sign-in,
 * sign-out, error, verify-request), `providers` and everything else answer 404: they are English
 * only and, under /api, served without the portal's CSP (HDR-02).
 */
const ROUTES = {
  GET: new Set(['csrf', 'session']),
  POST: new Set(['callback/credentials', 'signout', 'session']),
};

const notFound = () =>
  new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });

export async function GET(request: NextRequest, { params }: Context): Promise<Response> {
  const route = (await params).nextauth.join('/');
  if (!ROUTES.GET.has(route)) return notFound();
  return route === 'session' ? session(request) : handlers.GET(request);
}

/** Bodies capped at 64 kB before Auth.js parses them. */
export async function POST(request: NextRequest, { params }: Context): Promise<Response> {
  const route = (await params).nextauth.join('/');
  if (!ROUTES.POST.has(route)) return notFound();
  if (route === 'session') return session(request);
  const checked = await withinBodyLimit(request);
  if (checked instanceof Response) return checked;
  return handlers.POST(checked instanceof NextRequest ? checked : new NextRequest(checked));
}

/**
 * GET/POST /api/auth/session, in Auth.js's format: null for any token the data-access layer
 * refuses (revoked, idle, past 12 h, account no longer active: SES-05), else the user's id and
 * the session's absolute end. Answered from the token without re-issuing it: Auth.js's own
 * answer re-issued the cookie for "now + 12 h", and a POST could not change the token anyway
 * (the jwt callback copies nothing a client sends).
 */
async function session(request: NextRequest): Promise<Response> {
  const token = await readSessionToken(request.cookies.get(SESSION_COOKIE)?.value);
  const user = await sessionUser(token);
  const headers = { 'Cache-Control': 'private, no-cache, no-store' };
  if (!user || typeof token?.authTime !== 'number') return NextResponse.json(null, { headers });
  return NextResponse.json(
    {
      user: { id: user.id },
      expires: new Date((token.authTime + SESSION_MAX_AGE_SECONDS) * 1000).toISOString(),
      sessionVersion: token.sv,
    },
    { headers },
  );
}
