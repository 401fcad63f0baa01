import { eq } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';
import { IDLE_TIMEOUT_SECONDS } from '@/lib/auth/session-policy';
import { users } from '@/lib/db/schema';
import type { FormState } from '@/lib/forms/form-state';
import { authSecrets } from '@/lib/security/secrets';
import { GOOD_PASSWORD, latestActivationToken, register, testDeps } from '../helpers/accounts';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import {
  cookieHeader,
  formData,
  redirectOf,
  request,
  resetRequest,
  sessionCookieFor,
  setCookie,
  signInAs,
} from '../helpers/next-request';
import { activeUser } from '../helpers/registration';

/**
 * Auth.js's own routes (app/api/auth/[...nextauth]/route.ts) called as Next.js calls them, and
 * the portal's sign-in, activation and sign-out actions, on PGlite. The server actions' request
 * is a set of headers and a cookie jar; the routes get real requests.
 */
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
vi.mock(
  'next-intl/server',
  async () => (await import('../helpers/next-request')).nextIntlServerMock,
);

const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
const { logoutAction } = await import('@/app/[locale]/(signed-in)/logout-action');
const { loginAction } = await import('@/app/[locale]/(public)/login/actions');
const { activateAction } = await import('@/app/[locale]/(public)/activate/actions');

const PENDING_EMAIL_COOKIE = 'monso.pending-email';
const BASE = 'http://localhost:3000/api/auth';

let t: TestDb;
const dbCache = globalThis as typeof globalThis & { __monsoDb?: Promise<unknown> };

beforeAll(async () => {
  t = await createTestDb();
  dbCache.__monsoDb = Promise.resolve(t.db);
});
afterAll(async () => {
  dbCache.__monsoDb = undefined;
  await t.close();
});

let ip = 0;
beforeEach(() => {
  ip += 1;
  resetRequest({ ip: `198.51.100.${ip}` });
});

const now = () => Math.floor(Date.now() / 1000);

async function sessionVersion(userId: string): Promise<number> {
  const [user] = await t.db
    .select({ sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return user!.sv;
}

/** A call of the route handler, as Next.js makes it for /api/auth/<path>. */
function call(
  method: 'GET' | 'POST',
  path: string,
  init: { cookie?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers({ 'x-forwarded-for': `198.51.100.${ip}` });
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.form) headers.set('content-type', 'application/x-www-form-urlencoded');
  const req = new NextRequest(`${BASE}/${path}`, {
    method,
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  const params = Promise.resolve({ nextauth: path.split('/') });
  return (method === 'GET' ? GET : POST)(req, { params });
}

/** Auth.js's double-submit pair: its token and the cookie that must come with it. */
async function csrf(): Promise<{ csrfToken: string; cookie: string }> {
  const response = await call('GET', 'csrf');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('authjs.csrf-token='))!
    .split(';')[0]!;
  return { csrfToken, cookie };
}

const setsSessionCookie = (response: Response) =>
  response.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));

async function sessionAnswer(cookie: string, method: 'GET' | 'POST' = 'GET') {
  const response = await call(method, 'session', { cookie: `${SESSION_COOKIE}=${cookie}` });
  expect(response.status).toBe(200);
  return { response, body: (await response.json()) as { expires?: string } | null };
}

const initial = <F extends string>(): FormState<F> => ({ fieldErrors: {}, values: {} });

/** Where an action redirected to; throws if it answered instead. */

describe('POST /api/auth/signout', () => {
  it('SES-04: signing out through Auth.js’s route revokes the session: the saved cookie is refused after', async () => {
    const userId = await activeUser(testDeps(t.db), 'route-signout@example.ca');
    const saved = await sessionCookieFor(t.db, userId);
    // Control: the session is live before.
    expect((await sessionAnswer(saved)).body).not.toBeNull();
    const before = await sessionVersion(userId);

    // Without Auth.js's CSRF token, the route neither signs out nor revokes.
    const forged = await call('POST', 'signout', {
      cookie: `${SESSION_COOKIE}=${saved}`,
      form: { csrfToken: 'forged', callbackUrl: '/fr/connexion' },
    });
    expect(forged.headers.get('location') ?? '').toContain('MissingCSRF');
    expect(setsSessionCookie(forged)).toEqual([]);
    // A stale (idle) cookie of the same account revokes nothing: it cannot end the live session.
    const { csrfToken, cookie } = await csrf();
    const idle = await sessionCookieFor(t.db, userId, { seen: now() - IDLE_TIMEOUT_SECONDS - 1 });
    await call('POST', 'signout', {
      cookie: `${cookie}; ${SESSION_COOKIE}=${idle}`,
      form: { csrfToken, callbackUrl: '/fr/connexion' },
    });
    expect(await sessionVersion(userId)).toBe(before);
    expect((await sessionAnswer(saved)).body).not.toBeNull();

    const response = await call('POST', 'signout', {
      cookie: `${cookie}; ${SESSION_COOKIE}=${saved}`,
      form: { csrfToken, callbackUrl: '/fr/connexion' },
    });
    expect(response.status).toBe(302);
    expect(setsSessionCookie(response)[0]).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);

    expect(await sessionVersion(userId)).toBe(before + 1);
    expect((await sessionAnswer(saved)).body).toBeNull();
  });
});

describe('GET/POST /api/auth/session', () => {
  it('SES-05: answers null for a revoked, idle, expired or disabled session, as the data-access layer refuses it', async () => {
    const userId = await activeUser(testDeps(t.db), 'session-endpoint@example.ca');
    // Control: a fresh session is answered.
    const fresh = await sessionCookieFor(t.db, userId);
    expect((await sessionAnswer(fresh)).body).toMatchObject({ user: { id: userId } });

    const idle = await sessionCookieFor(t.db, userId, { seen: now() - IDLE_TIMEOUT_SECONDS - 1 });
    const expired = await sessionCookieFor(t.db, userId, {
      authTime: now() - SESSION_MAX_AGE_SECONDS - 1,
      seen: now() - 60,
    });
    for (const cookie of [idle, expired]) {
      for (const method of ['GET', 'POST'] as const) {
        const { response, body } = await sessionAnswer(cookie, method);
        expect(body, method).toBeNull();
        expect(setsSessionCookie(response), method).toEqual([]);
      }
    }

    // Revoked (another sign-out bumped the session version) and, separately, a disabled account.
    await t.db
      .update(users)
      .set({ sessionVersion: (await sessionVersion(userId)) + 1 })
      .where(eq(users.id, userId));
    for (const method of ['GET', 'POST'] as const) {
      expect((await sessionAnswer(fresh, method)).body, method).toBeNull();
    }
    const current = await sessionCookieFor(t.db, userId);
    expect((await sessionAnswer(current)).body).not.toBeNull();
    await t.db.update(users).set({ status: 'pending' }).where(eq(users.id, userId));
    expect((await sessionAnswer(current)).body).toBeNull();
  });

  it('SES-05: polling it never re-issues the cookie nor moves the absolute end (sign-in + 12 h)', async () => {
    const userId = await activeUser(testDeps(t.db), 'session-end@example.ca');
    const authTime = now() - 11 * 60 * 60;
    const cookie = await sessionCookieFor(t.db, userId, { authTime, seen: now() - 60 });
    const end = new Date((authTime + SESSION_MAX_AGE_SECONDS) * 1000).toISOString();
    for (const method of ['GET', 'POST', 'GET'] as const) {
      const { response, body } = await sessionAnswer(cookie, method);
      expect(body?.expires, method).toBe(end);
      expect(setsSessionCookie(response), method).toEqual([]);
      expect(response.headers.get('cache-control')).toContain('no-store');
    }
  });
});

describe('Auth.js’s built-in pages', () => {
  it('HDR-02: the English sign-in, sign-out, error and verify-request pages (served without CSP) answer 404', async () => {
    const gets = [
      'signin',
      'signin/credentials',
      'signout',
      'error',
      'verify-request',
      'providers',
      'callback/credentials',
      'webauthn-options',
    ];
    for (const path of gets) {
      const response = await call('GET', path);
      expect(response.status, `GET ${path}`).toBe(404);
      expect(await response.text(), `GET ${path}`).toBe('');
    }
    const { csrfToken, cookie } = await csrf();
    for (const path of ['signin', 'signin/credentials', 'providers', 'error']) {
      const response = await call('POST', path, {
        cookie,
        form: { csrfToken, email: 'a@example.ca', password: GOOD_PASSWORD },
      });
      expect(response.status, `POST ${path}`).toBe(404);
    }
  });

  it('keeps what the portal stands behind: the CSRF token and the credentials callback', async () => {
    await activeUser(testDeps(t.db), 'callback@example.ca');
    const { csrfToken, cookie } = await csrf();
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const response = await call('POST', 'callback/credentials', {
      cookie,
      form: { csrfToken, email: 'callback@example.ca', password: GOOD_PASSWORD },
    });
    expect(response.status).toBe(302);
    const [set] = setsSessionCookie(response);
    const value = set!.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
    const claims = await decode({ token: value, secret: authSecrets(), salt: SESSION_COOKIE });
    expect(claims?.exp).toBeLessThanOrEqual(claims!.authTime! + SESSION_MAX_AGE_SECONDS);
  });
});

describe('the pending-email cookie', () => {
  it('PRIV-04: goes on activation', async () => {
    const email = 'pending-activation@example.ca';
    await register(testDeps(t.db, fakeClock(new Date())), email);
    const token = await latestActivationToken(t.db, email);
    setCookie(PENDING_EMAIL_COOKIE, email);
    const to = await redirectOf(
      activateAction(initial(), formData({ token, password: GOOD_PASSWORD })),
    );
    expect(new URL(to).pathname).toBe('/fr/tableau-de-bord');
    expect(request.cookies.has(SESSION_COOKIE)).toBe(true);
    expect(request.cookies.has(PENDING_EMAIL_COOKIE)).toBe(false);
  });

  it('PRIV-04: goes on sign-out, through the portal’s action and through Auth.js’s route', async () => {
    const userId = await activeUser(testDeps(t.db), 'pending-signout@example.ca');
    await signInAs(t.db, userId);
    setCookie(PENDING_EMAIL_COOKIE, 'someone.else@example.ca');
    // Auth.js reads the cookies from the request's headers.
    request.headers.set('cookie', cookieHeader());
    const before = await sessionVersion(userId);
    const to = await redirectOf(logoutAction(formData({})));
    expect(to).toBe('https://portal.test/fr/connexion?notice=signedOut');
    expect(request.cookies.has(PENDING_EMAIL_COOKIE)).toBe(false);
    expect(request.cookies.has(SESSION_COOKIE)).toBe(false);
    // The action revokes too (SES-04), once.
    expect(await sessionVersion(userId)).toBe(before + 1);

    setCookie(PENDING_EMAIL_COOKIE, 'someone.else@example.ca');
    const { csrfToken, cookie } = await csrf();
    await call('POST', 'signout', {
      cookie: `${cookie}; ${SESSION_COOKIE}=${await sessionCookieFor(t.db, userId)}`,
      form: { csrfToken, callbackUrl: '/fr/connexion' },
    });
    expect(request.cookies.has(PENDING_EMAIL_COOKIE)).toBe(false);
  });

  it('PRIV-04: goes when someone else signs in on the same browser', async () => {
    await activeUser(testDeps(t.db), 'pending-next-person@example.ca');
    setCookie(PENDING_EMAIL_COOKIE, 'first.person@example.ca');
    const to = await redirectOf(
      loginAction(
        initial(),
        formData({
          email: 'pending-next-person@example.ca',
          password: GOOD_PASSWORD,
          callbackUrl: '',
        }),
      ),
    );
    expect(to).toBe('/fr/tableau-de-bord');
    expect(request.cookies.has(SESSION_COOKIE)).toBe(true);
    expect(request.cookies.has(PENDING_EMAIL_COOKIE)).toBe(false);
  });
});
