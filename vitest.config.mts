import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      'server-only': path.resolve(import.meta.dirname, 'tests/helpers/empty-module.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    environment: 'node',
    env: {
      AUTH_SECRET: 'test-only-secret-0123456789abcdef0123456789abcdef',
      PIN_PEPPER: 'test-only-pin-pepper-0123456789abcdef0123456789',
      APP_URL: 'https://portal.test',
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on CI's 2 cores. Most
    // files wait on a database, a socket or a child process, so two overlap well (measured on the
    // CI machine: 522 s with one worker, 360 s with two).
    maxWorkers: 2,
    // next-intl's and next-auth's ESM import `next/server` without an extension, which Node's
    // resolver refuses; inlined, Vite resolves it (tests/unit/localized-rewrite.test.ts runs
    // next-intl's middleware, tests/integration/auth-routes.test.ts Auth.js's route handlers).
    server: { deps: { inline: ['next-intl', 'next-auth'] } },
    // Security events print one JSON line each: show console output only for failing tests.
    silent: 'passed-only',
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
  },
});
