import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';

/**
 * The standalone build (next.config.ts, `output: 'standalone'`), as the README deploys it. Run by
 * `npm run test:e2e:neon` only (playwright.neon.config.ts; the main run ignores this file): its
 * server is `node server.js` from a copy of .next/standalone outside the repository
 * (E2E_STANDALONE_DIR), so what the build did not trace or copy is missing there as on a server.
 */
const copy = process.env.E2E_STANDALONE_DIR ?? '';
const port = Number(process.env.E2E_PORT ?? 3120) + 1;
const origin = `http://127.0.0.1:${port}`;

test('the standalone server serves the browser files scripts/standalone.ts copied into it @neon', async ({
  request,
}) => {
  const page = await request.get('/fr/connexion');
  expect(page.status()).toBe(200);
  const assets = [...new Set((await page.text()).match(/\/_next\/static\/[^"'\s?]+/g) ?? [])];
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
  for (const asset of assets)
    expect(`${(await request.get(asset)).status()} ${asset}`).toBe(`200 ${asset}`);
});

test.describe('a copy of the standalone server on the embedded database @neon', () => {
  let server: ChildProcess | undefined;
  let data = '';

  test.afterAll(() => {
    server?.kill('SIGTERM');
    if (data) fs.rmSync(data, { recursive: true, force: true });
  });

  test('opens and migrates PGlite (its files and drizzle/ traced) and answers a page', async () => {
    test.setTimeout(90_000);
    expect(fs.existsSync(path.join(copy, 'server.js')), `a standalone copy in ${copy}`).toBe(true);
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-standalone-pglite-'));
    server = spawn(process.execPath, [path.join(copy, 'server.js')], {
      stdio: 'ignore',
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        APP_URL: origin,
        AUTH_SECRET: 'e2e-standalone-secret-0123456789abcdef0123456789abcdef',
        PIN_PEPPER: 'e2e-standalone-pin-pepper-0123456789abcdef0123456789',
        CRON_SECRET: 'e2e-standalone-cron-secret-0123456789abcdef',
        PAYMENT_PROVIDER: 'test',
        TRUSTED_IP_HEADER: 'x-real-ip',
        DATABASE_URL: '',
        NEON_WS_PROXY: '',
        SMTP_URL: '',
        PGLITE_DIR: path.join(data, 'pglite'),
        UPLOADS_DIR: path.join(data, 'uploads'),
      },
    });
    const headers = { 'x-real-ip': '127.0.0.1' };
    // /api/health runs a query: 200 once PGlite opened and applied drizzle/ (lib/db/client.ts).
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${origin}/api/health`, { headers })).status;
          } catch {
            return 0;
          }
        },
        { timeout: 60_000 },
      )
      .toBe(200);
    const login = await fetch(`${origin}/fr/connexion`, { headers });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('lang="fr"');
  });
});
