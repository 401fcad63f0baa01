import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);
const skipBuild = process.env.E2E_SKIP_BUILD === '1';

export default defineConfig({
  testDir: 'tests/e2e',
  // The standalone server's own checks: `npm run test:e2e:neon` runs them (playwright.neon.config.ts).
  testIgnore: ['**/standalone.spec.ts'],
  // E2E mail and PIN files live beside it in test-results/, outside what Playwright cleans.
  outputDir: 'test-results/playwright',
  // Two workers on CI's 2 cores: a spec file runs in one worker, in order; the tour of every page
  // runs its languages side by side (accessibility.spec.ts). Each test sends its own client
  // address (support/fixtures.ts), so the per-address limits never join two tests' requests, and
  // each makes its own accounts. 141 tests: 1,488 s with one worker on a quiet machine, 1,077 s
  // with two on a machine loaded 5 to 8 times over.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
    : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    // The e2e server trusts X-Real-IP as behind nginx (tests/e2e/support/server.ts): the tests
    // send it as nginx would, the loopback address unless a test picks its own client.
    extraHTTPHeaders: { 'x-real-ip': '127.0.0.1' },
    trace: 'retain-on-failure',
    // Debian's Chromium: Playwright cannot download its own browsers here.
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `${skipBuild ? '' : 'npx next build && '}npx tsx tests/e2e/support/server.ts`,
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
