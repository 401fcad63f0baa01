import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: {
    // ICU messages are compiled at build time: the browser gets no message parser (~10 kB).
    // The emails' texts too: once `precompile` is on, the bundle's translator only formats
    // compiled messages, and would send "{clientNumber}" as written.
    messages: {
      path: ['./messages', './emails/messages'],
      format: 'json',
      locales: ['fr', 'en'],
      precompile: true,
    },
  },
});

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder: bundling it breaks
  // every query under `next start` (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  // `next build` also writes .next/standalone: a server.js with only the files the server needs
  // (node_modules traced), which runs from any folder once scripts/standalone.ts has copied
  // .next/static (and public/) into it (README, "Deploy on one server behind nginx"). Not on
  // Vercel (VERCEL=1 at build time), which packages the build its own way and ignores the folder;
  // with its build adapter, standalone output failed the build in Next.js 16.3
  // (vercel/next.js#96646).
  output: process.env.VERCEL ? undefined : 'standalone',
  // Read at run time, not imported, so the tracer cannot see them: the embedded database's
  // migrations (lib/db/client.ts applies drizzle/ when it opens PGlite).
  outputFileTracingIncludes: { '*': ['./drizzle/**/*'] },
  // The embedded database folder must never be packed into the server bundle.
  outputFileTracingExcludes: { '*': ['.data/**'] },
  // A second build folder lets a benchmark or a parallel test run build without disturbing a
  // running server (default .next).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run typecheck` (tsc, in CI before the build) checks every file, tests included; the
  // build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // The app shows no images: the optimizer (/_next/image) fetches nothing and answers 404
  // (middleware.ts answers it first, with the security headers).
  images: { unoptimized: true },
  // vercel/next.js#94745 (Next.js 16.4, fix not released): behind a reverse proxy the server is
  // bound to a loopback address (`next start -H 127.0.0.1` or `-H ::1`). Next.js then builds the
  // request's origin with that address, but hands middleware a URL whose loopback host it renamed
  // `localhost`; a rewrite to that URL (next-intl's, /fr/connexion → /fr/login) has another
  // origin, so Next.js proxies it over the network to itself: 500 after 30 s, or EPROTO behind
  // TLS. Without the renaming, middleware's `request.url` keeps the address the server was
  // reached at and the rewrite stays internal (tests/e2e/loopback-bind.spec.ts). App Router only
  // here: the setting's other effect, on the Pages Router's /_next/data URLs, does not apply.
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  experimental: {
    // `next start` loads each route's server code when it is first requested, not every route's
    // at start-up on the thread that serves the first requests: a new instance answers sooner
    // and holds only the routes it serves (bench/CHANGES.md: cold start, idle RSS). Serverless
    // hosts run Next.js in its minimal mode, which never preloads; this is for `next start`.
    preloadEntriesOnStart: false,
    serverActions: {
      // Every form posts to a server action, and the largest (consent: 15 short fields) is a few
      // kB even at every field's maximum length. Bodies past this are refused with 413 before
      // they are parsed; Next's default is 1 MB (issue 5).
      bodySizeLimit: '64kb',
    },
  },
  // Middleware adds these to pages; this covers API routes and static files too (HDR-01, HDR-03).
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default withNextIntl(nextConfig);
