import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium';

/**
 * The production path end to end (`npm run test:e2e:neon`): the resident's journeys tagged
 * `@neon` (French registration, a French construction permit saved and submitted, the standalone
 * checks of tests/e2e/standalone.spec.ts) on the standalone server (`node server.js` from a copy
 * of .next/standalone outside the repository, bound to 127.0.0.1) and PostgreSQL through the Neon
 * serverless driver and a WebSocket bridge, migrated with `npm run db:migrate`
 * (tests/e2e/support/server.ts). The database is `<TEST_DATABASE_URL's>_e2e_neon`, dropped and
 * created again at each run. Its own port, mail folder and PIN file, as the dev run has.
 */
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (!testDatabaseUrl) {
  throw new Error(
    'npm run test:e2e:neon needs TEST_DATABASE_URL (a PostgreSQL test database, e.g. ' +
      'postgres://postgres@127.0.0.1:5432/test): it runs on `<its name>_e2e_neon`',
  );
}
const postgresUrl = new URL(testDatabaseUrl);
postgresUrl.pathname = `${postgresUrl.pathname}_e2e_neon`;

const port = Number(process.env.E2E_NEON_PORT ?? 3120);
const skipBuild = process.env.E2E_SKIP_BUILD === '1';
// The fixtures and specs read these in the test workers, which load this file too.
process.env.E2E_PORT = String(port);
process.env.E2E_MAIL_DIR ??= 'test-results/e2e-neon-mail';
process.env.E2E_PIN_FILE ??= 'test-results/e2e-neon-pins.csv';
process.env.E2E_SERVER_LOG ??= 'test-results/e2e-neon-server-stderr.log';
process.env.E2E_STANDALONE_DIR ??= path.join(os.tmpdir(), `monso-e2e-standalone-${port}`);

export default defineConfig({
  testDir: 'tests/e2e',
  grep: /@neon/,
  outputDir: 'test-results/playwright-neon',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/playwright-neon.json' }]]
    : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    // The e2e server trusts X-Real-IP as behind nginx (tests/e2e/support/server.ts): the tests
    // send it as nginx would, the loopback address unless a test picks its own client.
    extraHTTPHeaders: { 'x-real-ip': '127.0.0.1' },
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `${skipBuild ? '' : 'npm run build && '}npx tsx tests/e2e/support/server.ts`,
    // The server is bound to 127.0.0.1 only (the README's systemd unit).
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      E2E_SERVER_MODE: 'standalone',
      E2E_POSTGRES_URL: postgresUrl.toString(),
      E2E_PORT: String(port),
      E2E_PGLITE_DIR: '.data/e2e-neon/pglite',
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      E2E_PIN_FILE: process.env.E2E_PIN_FILE,
      E2E_SERVER_LOG: process.env.E2E_SERVER_LOG,
      E2E_STANDALONE_DIR: process.env.E2E_STANDALONE_DIR,
    },
  },
});
