import { cookies, headers } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/config';
import { getCurrentUser } from '@/lib/auth/session';
import { nowSeconds, sessionCookieWithActivity } from '@/lib/auth/session-policy';
import { readSessionToken } from '@/lib/auth/session-token';
import { isSameOriginRequest } from '@/lib/forms/form-action';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'no-store' };

/**
 * "Rester connecté" in the idle warning (SES-02): a live session (checked against the database)
 * gets its idle deadline moved; nothing else changes. POST from our own pages only (CSRF-02).
 */
export async function POST(): Promise<Response> {
  if (!isSameOriginRequest(await headers())) {
    return new Response(null, { status: 403, headers: noStore });
  }
  const user = await getCurrentUser();
  const jar = await cookies();
  const token = await readSessionToken(jar.get(SESSION_COOKIE)?.value);
  if (!user || !token) return new Response(null, { status: 401, headers: noStore });
  const cookie = await sessionCookieWithActivity(token, nowSeconds());
  jar.set(cookie.name, cookie.value, cookie.options);
  return new Response(null, { status: 204, headers: noStore });
}
