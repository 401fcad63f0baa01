import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { routing, type AppPathname } from '../../lib/i18n/routing';
import { expect, test } from './support/fixtures';
import { at } from './support/pages';
import { startSecondServer } from './support/second-server';

/**
 * Behind a reverse proxy on the same machine, the server is bound to a loopback address
 * (README, "Behind nginx"). Next.js 16.4 then proxied every middleware rewrite over the network
 * back to itself (vercel/next.js#94745): each localized page answered 500 after 30 s, or at once
 * with EPROTO behind TLS. next.config.ts (skipProxyUrlNormalize) keeps the rewrites internal.
 */
const PATHS = (Object.keys(routing.pathnames) as AppPathname[]).flatMap((p) =>
  routing.locales.map((l) => at(p, l)),
);

for (const [index, hostname] of ['127.0.0.1', '::1'].entries()) {
  test.describe(`next start -H ${hostname}`, () => {
    const port = Number(process.env.E2E_PORT ?? 3100) + 3 + index;
    const origin = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
    const data = path.resolve(`.data/e2e-loopback-${index}/pglite`);
    let server: ChildProcess;

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      fs.rmSync(path.dirname(data), { recursive: true, force: true });
      server = await startSecondServer({
        port,
        hostname,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          // Configured as behind nginx: the tests send X-Real-IP as nginx would (LOG-06).
          TRUSTED_IP_HEADER: 'x-real-ip',
          APP_URL: origin,
          AUTH_SECRET: 'e2e-loopback-secret-0123456789abcdef0123456789abcdef',
          PIN_PEPPER: 'e2e-loopback-pin-pepper-0123456789abcdef0123456789',
          CRON_SECRET: 'e2e-loopback-cron-secret-0123456789abcdef',
          PAYMENT_PROVIDER: 'test',
          PGLITE_DIR: data,
          DATABASE_URL: '',
          SMTP_URL: '',
        },
        healthStatus: 200,
        timeoutMs: 90_000,
      });
    });

    test.afterAll(() => {
      server?.kill('SIGTERM');
    });

    test('answers every localized page of the routing table, directly and behind TLS', async () => {
      test.setTimeout(120_000);
      const answers: string[] = [];
      for (const pathname of PATHS) {
        for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
          const response = await fetch(origin + pathname, {
            headers,
            redirect: 'manual',
            signal: AbortSignal.timeout(5_000),
          });
          answers.push(`${pathname} ${JSON.stringify(headers)} ${response.status}`);
          expect(response.status, `${pathname} ${JSON.stringify(headers)}`).toBeLessThan(500);
        }
      }
      expect(answers).toHaveLength(PATHS.length * 2);
      // A page that renders (not only a redirect to the login): the rewrite reached the app.
      const login = await fetch(`${origin}/fr/connexion`, { signal: AbortSignal.timeout(5_000) });
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('<html lang="fr"');
      // Redirects stay on the site the browser is on: never an absolute loopback address.
      const signedOut = await fetch(`${origin}/fr/tableau-de-bord`, {
        headers: { 'x-forwarded-proto': 'https' },
        redirect: 'manual',
        signal: AbortSignal.timeout(5_000),
      });
      expect(signedOut.status).toBe(307);
      expect(signedOut.headers.get('location')).toBe(
        '/fr/connexion?callbackUrl=%2Ffr%2Ftableau-de-bord',
      );
    });
  });
}
