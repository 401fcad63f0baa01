/**
 * First Load JS of a route, computed the way `next build` used to print it (Next 16 with
 * Turbopack no longer does): the gzip size (level 9) of every same-origin script the served HTML
 * loads — `<script src>` and `<link rel="preload" as="script">` under /_next/static — summed.
 * `nomodule` polyfills are left out, as Next left them out.
 */
import { gzipSync } from 'node:zlib';
import { request } from './http';

export interface FirstLoadJs {
  /** Gzipped bytes. */
  bytes: number;
  files: number;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && !/\snomodule\b/i.test(tag)) urls.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel') === 'preload' && attr(tag, 'as') === 'script') urls.add(href);
  }
  return [...urls].filter((u) => u.startsWith('/_next/static/'));
}

const gzipCache = new Map<string, number>();

export async function firstLoadJs(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<FirstLoadJs> {
  const page = await request(base, { method: 'GET', path, headers });
  if (page.status !== 200) throw new Error(`First Load JS: GET ${path} answered ${page.status}`);
  let bytes = 0;
  const urls = scriptUrls(page.text());
  for (const url of urls) {
    const key = base + url;
    let size = gzipCache.get(key);
    if (size === undefined) {
      const file = await request(base, { method: 'GET', path: url });
      if (file.status !== 200) throw new Error(`First Load JS: GET ${url} answered ${file.status}`);
      size = gzipSync(file.body, { level: 9 }).length;
      gzipCache.set(key, size);
    }
    bytes += size;
  }
  return { bytes, files: urls.length };
}
