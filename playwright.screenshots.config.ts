/**
 * `npm run screenshots`: every page and every email, in French and English, at desktop width
 * (1280 px) and phone width (360 px), error states included, for City reviewers: PNGs in
 * screenshots/ and screenshots/index.html, which shows them all in order (written when the run
 * ends, failures listed at the top). SCREENSHOTS_OUT=dir writes elsewhere; E2E_SKIP_BUILD=1
 * reuses the last `next build`.
 *
 * The server is the end-to-end one (tests/e2e/support/server.ts: an SMTP sink, a fresh embedded
 * database, `next start`), on port 3300 by default, and the pages are the states of
 * tests/e2e/support/pages.ts (the accessibility spec walks the same list).
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium';

// Read by tests/e2e/support/fixtures.ts as it loads, in the workers too (they inherit this env).
process.env.E2E_PORT ??= '3300';
process.env.E2E_MAIL_DIR ??= path.resolve('test-results/screenshots-mail');
// The PINs the server issues: the pages that link a client record read them from here too.
process.env.E2E_PIN_FILE ??= path.resolve('test-results/screenshots-pins.csv');
// The staff member's set-up link, from `npm run staff -- create` (tests/e2e/support/server.ts).
process.env.E2E_STAFF_FILE ??= path.resolve('test-results/screenshots-staff.json');
process.env.SCREENSHOTS_OUT = path.resolve(
  process.env.INIT_CWD ?? process.cwd(),
  process.env.SCREENSHOTS_OUT ?? 'screenshots',
);
const port = process.env.E2E_PORT;
const skipBuild = process.env.E2E_SKIP_BUILD === '1';

export default defineConfig({
  testDir: 'tests/screenshots',
  outputDir: 'test-results/screenshots',
  globalSetup: './tests/screenshots/global-setup.ts',
  globalTeardown: './tests/screenshots/write-index.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // One test walks every page of one language.
  timeout: 10 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    // The e2e server trusts X-Real-IP as behind nginx (tests/e2e/support/server.ts): the tests
    // send it as nginx would, the loopback address unless a test picks its own client.
    extraHTTPHeaders: { 'x-real-ip': '127.0.0.1' },
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
  },
  webServer: {
    command: `${skipBuild ? '' : 'npx next build && '}npx tsx tests/e2e/support/server.ts`,
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    // The build's and the server's own lines (a JSON line per security event) would bury the list.
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      E2E_PORT: port,
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      // server.ts empties the folder above the database's: a folder of its own.
      E2E_PGLITE_DIR: path.resolve('.data/screenshots/pglite'),
      E2E_PIN_FILE: process.env.E2E_PIN_FILE,
      E2E_STAFF_FILE: process.env.E2E_STAFF_FILE,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
