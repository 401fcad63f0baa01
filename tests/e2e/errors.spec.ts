import type { ChildProcess } from 'node:child_process';
import OUTAGE from '../../messages/global-error.json';
import { expect, expectAccessible, MESSAGES, test } from './support/fixtures';
import { startSecondServer } from './support/second-server';

/**
 * ERR-01: a second server on the same build, whose database cannot be reached. Pages that need
 * the database answer with the generic error page in the page's language: no stack trace, no
 * driver message.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const BASE = `http://localhost:${PORT}`;
let server: ChildProcess;

test.beforeAll(async () => {
  server = await startSecondServer({
    port: PORT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // Configured as behind nginx: the tests send X-Real-IP as nginx would (LOG-06).
      TRUSTED_IP_HEADER: 'x-real-ip',
      APP_URL: BASE,
      AUTH_SECRET: 'e2e-outage-secret-0123456789abcdef0123456789abcdef',
      PIN_PEPPER: 'e2e-outage-pin-pepper-0123456789abcdef0123456789',
      CRON_SECRET: 'e2e-outage-cron-secret-0123456789abcdef',
      PAYMENT_PROVIDER: 'test',
      // Nothing listens on port 9: every query fails to connect.
      DATABASE_URL: 'postgres://monso:unused@127.0.0.1:9/monso',
      NEON_WS_PROXY: '127.0.0.1:9/v1',
    },
    healthStatus: 503,
    timeoutMs: 30_000,
  });
});

test.afterAll(() => {
  server.kill('SIGTERM');
});

test('ERR-01: a database outage shows a "service unavailable" page (503), in French and in English, never a stack trace', async ({
  page,
}) => {
  const health = await page.request.get(`${BASE}/api/health`);
  expect(health.status()).toBe(503);
  expect(await health.json()).toEqual({ status: 'unavailable' });

  for (const [locale, path] of [
    ['fr', '/fr/activer?token=un-jeton'],
    ['en', '/en/activate?token=a-token'],
  ] as const) {
    // A request that meets the outage itself gets the generic error page (500); for a few
    // seconds after, middleware answers 503 at once. Either way: localized, and no detail.
    let unavailable = false;
    for (let attempt = 0; attempt < 4 && !unavailable; attempt++) {
      const response = await page.goto(`${BASE}${path}`);
      const status = response?.status();
      expect([500, 503]).toContain(status);
      if (status === 503) {
        unavailable = true;
        expect(response!.headers()['retry-after']).toBe('5');
        expect(response!.headers()['cache-control']).toContain('no-store');
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expect(
          page.getByRole('heading', { level: 1, name: OUTAGE[locale].unavailableTitle }),
        ).toBeVisible();
        await expect(page).toHaveTitle(OUTAGE[locale].unavailableTitle);
        await expectAccessible(page);
      } else {
        await expect(
          page.getByRole('heading', { level: 1, name: MESSAGES[locale].ErrorPage.title }),
        ).toBeVisible();
      }
      const html = await page.content();
      for (const leak of [
        'ECONNREFUSED',
        'at async',
        'node_modules',
        'Failed query',
        '127.0.0.1:9',
        'select ',
      ]) {
        expect(html, leak).not.toContain(leak);
      }
    }
    expect(unavailable, `${path} answered 503 while the database was down`).toBe(true);
  }
});
