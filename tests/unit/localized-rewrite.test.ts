import createIntlMiddleware from 'next-intl/middleware';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acceptLanguageLocale,
  rewriteToRoute,
  rewriteUnknownPage,
} from '@/lib/i18n/localized-rewrite';
import { internalPath, localizedPath, routing, type AppPathname } from '@/lib/i18n/routing';

const intl = createIntlMiddleware(routing);

/** What a middleware answer tells Next.js to do, and what it sets. */
function outcome(response: Response) {
  const h = response.headers;
  return {
    rewrite: h.get('x-middleware-rewrite'),
    next: h.get('x-middleware-next'),
    localeHeader: h.get('x-middleware-request-x-next-intl-locale'),
    setCookie: h.get('set-cookie'),
  };
}

const PATHS = (Object.keys(routing.pathnames) as AppPathname[]).flatMap((p) =>
  routing.locales.map((l) => localizedPath(p, l)),
);
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

describe('localized paths rewritten without next-intl’s middleware', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the answer next-intl gives for every path of the table, locale and header set', () => {
    // One clock for both: a cookie's Expires must not differ because a second ticked between them.
    vi.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z'), toFake: ['Date'] });
    let compared = 0;
    for (const path of PATHS) {
      for (const headers of HEADERS) {
        for (const search of ['', '?callbackUrl=%2Ffr%2Faide']) {
          const url = `https://portail.example.ca${path}${search}`;
          const route = internalPath(path)!;
          expect(route).not.toBeNull();
          const ours = rewriteToRoute(
            new NextRequest(url, { headers }),
            route,
            new Headers(headers),
          );
          const theirs = intl(new NextRequest(url, { headers }));
          expect(outcome(ours), `${url} ${JSON.stringify(headers)}`).toEqual(outcome(theirs));
          compared++;
        }
      }
    }
    expect(compared).toBe(PATHS.length * HEADERS.length * 2);
  });

  it('answers an unknown path under a locale 404, rendered by the catch-all page in that locale', () => {
    const req = new NextRequest('https://portail.example.ca/en/nowhere/at-all?x=1');
    const response = rewriteUnknownPage(req, 'en', new Headers());
    expect(response.status).toBe(404);
    expect(outcome(response)).toMatchObject({
      rewrite: 'https://portail.example.ca/en/nowhere/at-all?x=1',
      localeHeader: 'en',
    });
  });

  it('reads Accept-Language by q-value and primary language', () => {
    expect(acceptLanguageLocale(null)).toBeUndefined();
    expect(acceptLanguageLocale('')).toBeUndefined();
    expect(acceptLanguageLocale('fr, *;q=0.5')).toBeUndefined();
    expect(acceptLanguageLocale('en-CA')).toBe('en');
    expect(acceptLanguageLocale('EN-gb;q=0.4, fr-FR;q=0.3')).toBe('en');
    expect(acceptLanguageLocale('de, en;q=0.1')).toBe('en');
    expect(acceptLanguageLocale('en;q=0, fr;q=0.2')).toBe('fr');
  });
});
