/**
 * What `npm run bench` measures and how hard: ports, durations, rounds, the bench's secrets.
 * Everything here is bench-only; nothing in the portal reads it.
 */
import { randomBytes } from 'node:crypto';

/**
 * Preferred ports (3400–3499 only; CI's end-to-end server uses 3100): when one is taken, the next
 * free one is used. BENCH_PORT moves the range (BENCH_PORT … BENCH_PORT + 99), for a machine
 * where others use 3400–3499.
 */
export const FIRST_PORT = Number(process.env.BENCH_PORT) || 3400;
export const LAST_PORT = FIRST_PORT + 99;
export const PORTS = {
  baseline: FIRST_PORT,
  portal: FIRST_PORT + 1,
  portalPostgres: FIRST_PORT + 2,
} as const;

/** The portal is built into its own folder so a running `next start` on .next is not disturbed. */
export const PORTAL_DIST_DIR = '.next-bench';
export const BASELINE_DIR = 'bench/baseline';
export const NEXT_BIN = 'node_modules/next/dist/bin/next';
export const TSX_CLI = 'node_modules/tsx/dist/cli.mjs';

/** Every seeded account uses it; it passes the portal's password policy. */
export const BENCH_PASSWORD = 'violet tambour quinze nuages';
/** Accounts the sign-in scenarios rotate through (successes never lock an account). */
export const LOGIN_USERS = 20;

/** Applications of other residents the database holds during a full run (issue 16). */
export const OTHER_APPLICATIONS = 100_000;
/** The smoke run's: enough for the plans the full run's use, quick to insert in CI. */
export const SMOKE_OTHER_APPLICATIONS = 5_000;

export interface Mode {
  smoke: boolean;
  /** Concurrent connections, one load run per value. */
  connections: number[];
  /** Load runs per (scenario, connections); the report gives the median. */
  rounds: number;
  durationS: number;
  warmupS: number;
  /** Sequential requests per scenario for the SQL statement count. */
  sqlSamples: number;
  /** Server starts per server for the cold-start median. */
  coldStarts: number;
  /** Seconds of each argon2id measurement. */
  argon2S: number;
  /** Applications of other residents seeded into the portal's database. */
  otherApplications: number;
}

export function modeFor(smoke: boolean): Mode {
  return smoke
    ? {
        smoke,
        connections: [10],
        rounds: 1,
        durationS: 3,
        warmupS: 1,
        sqlSamples: 5,
        coldStarts: 1,
        argon2S: 1.5,
        otherApplications: SMOKE_OTHER_APPLICATIONS,
      }
    : {
        smoke,
        connections: [10, 50],
        rounds: 3,
        durationS: 5,
        warmupS: 2,
        sqlSamples: 20,
        coldStarts: 3,
        argon2S: 4,
        otherApplications: OTHER_APPLICATIONS,
      };
}

/**
 * Production secrets for the bench's servers: fresh random values each run (≥ 32 characters,
 * not the committed dev-only ones), so `next start` passes its start-up checks.
 */
export function benchSecrets(): { AUTH_SECRET: string; PIN_PEPPER: string; CRON_SECRET: string } {
  const secret = () => randomBytes(36).toString('base64url');
  return { AUTH_SECRET: secret(), PIN_PEPPER: secret(), CRON_SECRET: secret() };
}

/** A distinct, valid IPv4 literal per call (10.0.0.0/8), for the trusted client-IP header. */
export function ipGenerator(): () => string {
  let n = Math.floor(Math.random() * 1_000_000);
  return () => {
    n = (n + 1) % 16_000_000;
    const v = n + 1;
    return `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}`;
  };
}
