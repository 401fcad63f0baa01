import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium';

/**
 * One registration journey under `next dev` (`npm run test:e2e:dev`): the development builds of
 * React and next-intl refuse things their production builds let through (a `t.raw` on
 * precompiled messages answered 500 under `npm run dev` while every `next build` test passed).
 * Its own port, embedded database, mail folder and PIN file, so it can run beside the main run.
 * The first request of each page compiles it: on a 2-core machine that takes tens of seconds.
 */
const port = Number(process.env.E2E_DEV_PORT ?? 3110);
// The fixtures read these in the test workers, which load this file too.
process.env.E2E_PORT = String(port);
process.env.E2E_MAIL_DIR ??= 'test-results/e2e-dev-mail';
process.env.E2E_PIN_FILE ??= 'test-results/e2e-dev-pins.csv';
// The staff member's set-up link, from `npm run staff -- create` (tests/e2e/support/server.ts).
process.env.E2E_STAFF_FILE ??= 'test-results/e2e-dev-staff.json';

export default defineConfig({
  testDir: 'tests/e2e',
  // The French registration journey (tests/e2e/registration.spec.ts): create-account, activation,
  // consent, client record, the area's home and profile. Renamed, it matches nothing and the run
  // fails ("No tests found").
  grep: /PRIV-01, PRIV-02: French: consent and profile/,
  outputDir: 'test-results/playwright-dev',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 600_000,
  expect: { timeout: 90_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/playwright-dev.json' }]]
    : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    // The e2e server trusts X-Real-IP as behind nginx (tests/e2e/support/server.ts): the tests
    // send it as nginx would, the loopback address unless a test picks its own client.
    extraHTTPHeaders: { 'x-real-ip': '127.0.0.1' },
    navigationTimeout: 180_000,
    actionTimeout: 90_000,
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'npx tsx tests/e2e/support/server.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      E2E_SERVER_MODE: 'dev',
      E2E_PORT: String(port),
      E2E_PGLITE_DIR: '.data/e2e-dev/pglite',
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      E2E_PIN_FILE: process.env.E2E_PIN_FILE,
      E2E_STAFF_FILE: process.env.E2E_STAFF_FILE,
    },
  },
});
