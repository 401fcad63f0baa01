import createIntlMiddleware from 'next-intl/middleware';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { internalPath, localizedPath } from '@/lib/i18n/navigation';
import { routing, type StaticPathname } from '@/lib/i18n/routing';
import middleware, { config } from '@/middleware';

const intl = createIntlMiddleware(routing);

/** What a middleware answer tells Next.js to do, and what it sets. */
function outcome(response: Response) {
  const h = response.headers;
  return {
    status: response.status,
    rewrite: h.get('x-middleware-rewrite'),
    next: h.get('x-middleware-next'),
    localeHeader: h.get('x-middleware-request-x-next-intl-locale'),
    setCookie: h.get('set-cookie'),
  };
}

const PUBLIC = (Object.keys(routing.pathnames) as StaticPathname[]).filter(
  (p) =>
    !p.startsWith('/settings') &&
    !p.startsWith('/building') &&
    p !== '/dashboard' &&
    // The staff area behind its sign-in (the sign-in and the set-up link are public).
    !(p.startsWith('/staff/') && p !== '/staff/login' && p !== '/staff/setup'),
);
const PATHS = PUBLIC.flatMap((p) => routing.locales.map((l) => localizedPath(p, l)));
const HEADERS: Record<string, string>[] = [
  {},
  { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' },
  { 'accept-language': 'en-US,en;q=0.9' },
  { 'accept-language': 'en;q=0.5, fr;q=0.7' },
  { 'accept-language': 'de-DE, es;q=0.8' },
  { 'accept-language': 'en', cookie: 'monso-locale=fr' },
  { 'accept-language': 'fr', cookie: 'monso-locale=en' },
  { cookie: 'monso-locale=en', 'sec-fetch-dest': 'empty' },
  { 'accept-language': 'en', 'sec-fetch-dest': 'document' },
  { 'accept-language': 'fr-CA, *;q=0.1' },
  { 'accept-language': 'en;q=0, fr;q=0.2' },
];

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-only-secret-0123456789abcdef0123456789abcdef';
});

describe('middleware: locale handling is next-intl’s', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the answer next-intl gives for every public path of the table, locale and header set', async () => {
    // One clock for both: a cookie's Expires must not differ because a second ticked between them.
    vi.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z'), toFake: ['Date'] });
    let compared = 0;
    for (const path of PATHS) {
      for (const headers of HEADERS) {
        for (const search of ['', '?callbackUrl=%2Ffr%2Faide']) {
          const url = `https://portail.example.ca${path}${search}`;
          expect(internalPath(path)).not.toBeNull();
          const ours = await middleware(new NextRequest(url, { headers }));
          const theirs = intl(new NextRequest(url, { headers }));
          expect(outcome(ours), `${url} ${JSON.stringify(headers)}`).toEqual(outcome(theirs));
          compared++;
        }
      }
    }
    expect(compared).toBe(PATHS.length * HEADERS.length * 2);
  });

  it('answers an unknown path under a locale 404, rendered by the catch-all page in that locale', async () => {
    const req = new NextRequest('https://portail.example.ca/en/nowhere/at-all?x=1');
    const response = await middleware(req);
    expect(response.status).toBe(404);
    expect(outcome(response)).toMatchObject({
      rewrite: 'https://portail.example.ca/en/not-found',
      localeHeader: 'en',
    });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('HDR-02: internal route names, other locales’ paths and dotted paths are the localized 404, at a path naming no route', async () => {
    const paths = [
      '/fr/dashboard',
      '/fr/reset-password',
      '/fr/login',
      '/en/connexion',
      '/en/create-account/check-email',
      '/fr/x.y',
      '/en/login.php',
      '/fr/connexion;.js',
    ];
    for (const path of paths) {
      const response = await middleware(new NextRequest(`https://portail.example.ca${path}`));
      const locale = path.split('/')[1];
      expect(response.status, path).toBe(404);
      expect(outcome(response), path).toMatchObject({
        rewrite: `https://portail.example.ca/${locale}/not-found`,
        localeHeader: locale,
      });
      expect(response.headers.get('content-security-policy'), path).toContain("'nonce-");
      expect(response.headers.get('cache-control'), path).toBeNull();
    }
    expect(internalPath('/fr/not-found')).toBeNull();
    expect(internalPath('/en/not-found')).toBeNull();
  });

  it('HDR-02: the matcher takes every page path, dotted ones too, and /_next/image; not built files, API routes or the dev mailbox', () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });
    for (const url of [
      '/fr/connexion',
      '/fr/x.y',
      '/en/login.php',
      '/favicon.ico',
      '/_next/image',
    ]) {
      expect(matches(url), url).toBe(true);
    }
    for (const url of [
      '/_next/static/chunks/app.js',
      '/api/health',
      '/api/auth/csrf',
      '/dev/mailbox',
    ]) {
      expect(matches(url), url).toBe(false);
    }
  });

  it('answers a missing file outside the locales, and /_next/image, with a plain 404', async () => {
    for (const path of [
      '/favicon.ico',
      '/robots.txt',
      '/_next/image?url=%2Fetc%2Fpasswd&w=64&q=75',
    ]) {
      const response = await middleware(new NextRequest(`https://portail.example.ca${path}`));
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('text/plain');
      expect(response.headers.get('strict-transport-security'), path).toBeTruthy();
    }
  });

  it('sends a signed-out visit of a signed-in page to the localized login, back here after', async () => {
    const response = await middleware(
      new NextRequest('https://portail.example.ca/fr/parametres/courriel?a=1'),
    );
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/fr/connexion');
    expect(location.searchParams.get('callbackUrl')).toBe('/fr/parametres/courriel?a=1');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps one-time-token pages out of caches and Referer headers', async () => {
    const response = await middleware(
      new NextRequest('https://portail.example.ca/en/activate?token=abc'),
    );
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
