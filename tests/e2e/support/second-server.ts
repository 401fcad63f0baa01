import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';

/**
 * A second `next start` of the e2e build on its own port and environment (another database, an
 * outage), for the specs that need one. Resolves once /api/health answers `healthStatus`;
 * the caller stops it (SIGTERM) after its tests.
 */
export async function startSecondServer(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  healthStatus: number;
  timeoutMs: number;
  /** The address to bind (`next start -H`), e.g. 127.0.0.1 or ::1; Next.js's default if unset. */
  hostname?: string;
}): Promise<ChildProcess> {
  const bind = opts.hostname ? ['-H', opts.hostname] : [];
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(opts.port), ...bind],
    { stdio: 'ignore', env: opts.env },
  );
  const host = !opts.hostname
    ? 'localhost'
    : opts.hostname.includes(':')
      ? `[${opts.hostname}]`
      : opts.hostname;
  try {
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`http://${host}:${opts.port}/api/health`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: opts.timeoutMs },
      )
      .toBe(opts.healthStatus);
  } catch (error) {
    // Never answered as expected: stop it here, since the caller never gets it to stop.
    server.kill('SIGTERM');
    throw error;
  }
  return server;
}
