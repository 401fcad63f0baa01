import { spawn, type ChildProcess } from 'node:child_process';
import { expect, MESSAGES, test } from './support/fixtures';

/**
 * ERR-01: a second server on the same build, whose database cannot be reached. Pages that need
 * the database answer with the generic error page in the page's language: no stack trace, no
 * driver message.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const BASE = `http://localhost:${PORT}`;
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_URL: BASE,
        AUTH_SECRET: 'e2e-outage-secret-0123456789abcdef0123456789abcdef',
        PIN_PEPPER: 'e2e-outage-pin-pepper-0123456789abcdef0123456789',
        // Nothing listens on port 9: every query fails to connect.
        DATABASE_URL: 'postgres://monso:unused@127.0.0.1:9/monso',
        NEON_WS_PROXY: '127.0.0.1:9/v1',
      },
    },
  );
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${BASE}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 30_000 },
    )
    .toBe(503);
});

test.afterAll(() => {
  server.kill('SIGTERM');
});

test('ERR-01: a database outage shows the generic error page, in French and in English', async ({
  page,
}) => {
  const health = await page.request.get(`${BASE}/api/health`);
  expect(health.status()).toBe(503);
  expect(await health.json()).toEqual({ status: 'unavailable' });

  for (const [locale, path] of [
    ['fr', '/fr/activer?token=un-jeton'],
    ['en', '/en/activate?token=a-token'],
  ] as const) {
    const response = await page.goto(`${BASE}${path}`);
    expect(response?.status()).toBe(500);
    await expect(
      page.getByRole('heading', { level: 1, name: MESSAGES[locale].ErrorPage.title }),
    ).toBeVisible();
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
});
