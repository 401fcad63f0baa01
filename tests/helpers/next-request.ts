import { eq } from 'drizzle-orm';
import { encode, type JWT } from 'next-auth/jwt';
import { createTranslator } from 'next-intl';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '@/lib/auth/config';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Locale } from '@/lib/i18n/routing';
import { authSecrets } from '@/lib/security/secrets';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

/**
 * The request a server action sees, for tests that call actions as Next.js calls them: a set of
 * headers, a cookie jar and a locale, behind mocks of `next/headers` and `next-intl/server`.
 *
 * A test file registers the mocks with a factory that imports this module, so that the mocked
 * modules and the test share this one state object (vi.mock is hoisted above the imports):
 *
 *   vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);
 *   vi.mock('next-intl/server', async () =>
 *     (await import('../helpers/next-request')).nextIntlServerMock);
 */

export type CookieOptions = Record<string, unknown> & { maxAge?: number; expires?: Date | number };

export interface StoredCookie {
  value: string;
  options: CookieOptions;
}

export const request = {
  headers: new Headers(),
  cookies: new Map<string, StoredCookie>(),
  locale: 'fr' as Locale,
};

/**
 * Sets a cookie as a response does: an empty value, a zero or negative max-age or an expiry in
 * the past deletes it (how Next.js's `cookies().delete` and Auth.js clear theirs).
 */
export function setCookie(name: string, value: string, options: CookieOptions = {}): void {
  const { maxAge, expires } = options;
  const gone =
    value === '' ||
    (maxAge !== undefined && maxAge <= 0) ||
    (expires !== undefined && +expires <= Date.now());
  if (gone) request.cookies.delete(name);
  else request.cookies.set(name, { value, options });
}

export function cookieValue(name: string): string | undefined {
  return request.cookies.get(name)?.value;
}

/** The jar as a `Cookie:` request header, for code that reads the cookies from the headers. */
export function cookieHeader(): string {
  return [...request.cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
}

const cookieJar = {
  get: (name: string) => {
    const value = cookieValue(name);
    return value === undefined ? undefined : { name, value };
  },
  getAll: () => [...request.cookies].map(([name, { value }]) => ({ name, value })),
  has: (name: string) => request.cookies.has(name),
  set: (name: string, value: string, options?: CookieOptions) => setCookie(name, value, options),
  delete: (name: string) => void request.cookies.delete(name),
};

export const nextHeadersMock = {
  headers: async () => request.headers,
  cookies: async () => cookieJar,
};

const MESSAGES: Record<Locale, typeof fr> = { fr, en };

export const nextIntlServerMock = {
  getLocale: async () => request.locale,
  getTranslations: async (opts: string | { locale?: Locale; namespace?: string }) => {
    const { locale = request.locale, namespace } =
      typeof opts === 'string' ? { namespace: opts } : opts;
    return createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never });
  },
};

/**
 * A fresh same-origin request in French with no cookies, from `ip` (the connection's address, as
 * Next.js writes it in X-Forwarded-For: no TRUSTED_IP_HEADER outside production).
 */
export function resetRequest({ ip }: { ip: string }): void {
  request.cookies.clear();
  request.locale = 'fr';
  request.headers = new Headers({
    host: 'portal.test',
    origin: 'https://portal.test',
    'sec-fetch-site': 'same-origin',
    'x-forwarded-for': ip,
  });
}

/** A session cookie as Auth.js mints it, with the claims given (the current session version). */
export async function sessionCookieFor(
  db: Db,
  userId: string,
  claims: Partial<JWT> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const [user] = await db
    .select({ sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return encode({
    token: { sub: userId, sv: user!.sv, authTime: now, seen: now, ...claims },
    secret: authSecrets()[0]!,
    salt: SESSION_COOKIE,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** Puts a fresh session cookie for `userId` in the jar. */
export async function signInAs(db: Db, userId: string): Promise<void> {
  setCookie(SESSION_COOKIE, await sessionCookieFor(db, userId));
}

/** A form's posted fields, as a server action receives them. */
export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Where a server action redirected to (Next.js throws NEXT_REDIRECT); fails if it answered. */
export async function redirectOf(answer: Promise<unknown>): Promise<string> {
  try {
    const state = await answer;
    throw new Error(`answered instead of redirecting: ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return decodeURIComponent(digest.split(';')[2] ?? '');
  }
}
