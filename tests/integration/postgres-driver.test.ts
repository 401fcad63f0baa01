import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { activateAccount } from '@/lib/accounts/activate-account';
import { authenticate } from '@/lib/accounts/authenticate';
import { createNeonDb, migrateDatabase, type Db } from '@/lib/db/client';
import { emailOutbox, loginThrottles, users } from '@/lib/db/schema';
import { deliverPending, enqueueEmail, type MailTransport } from '@/lib/email/outbox';
import { recordLoginFailure } from '@/lib/security/login-throttle';
import { hitRateLimit } from '@/lib/security/rate-limit';
import {
  GOOD_PASSWORD,
  latestActivationToken,
  nextIp,
  register,
  testDeps,
  userByEmail,
} from '../helpers/accounts';
import { resetPostgres } from '../helpers/postgres';
import { startWsBridge, type WsBridge } from '../helpers/ws-bridge';

/**
 * The production driver (@neondatabase/serverless Pool over WebSocket, drizzle-orm/neon-serverless)
 * against a real PostgreSQL, through tests/helpers/ws-bridge.ts. Runs when TEST_DATABASE_URL names
 * a throwaway database (CI: postgres://postgres@127.0.0.1:5432/test), which it empties first.
 */
const url = process.env.TEST_DATABASE_URL;

/** The rows of a raw query, whatever result shape the driver's types give it. */
async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

describe.runIf(url)('production driver (Neon over WebSocket) against PostgreSQL', () => {
  const databaseUrl = url ?? '';
  let bridge: WsBridge;
  let db: Db;
  /** A second pool, wide enough that every concurrent call below holds its own connection. */
  let wide: Db;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    bridge = await startWsBridge();
    vi.stubEnv('NEON_WS_PROXY', bridge.proxy);
    await resetPostgres(databaseUrl);
    const main = await createNeonDb(databaseUrl);
    const concurrent = await createNeonDb(databaseUrl, { max: 30 });
    closers.push(main.close, concurrent.close);
    db = main.db;
    wide = concurrent.db;
    await migrateDatabase(db, { neon: true });
  });

  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await bridge?.close();
    vi.unstubAllEnvs();
  });

  it('bridges only to the local PostgreSQL', async () => {
    const closeCode = (query: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://${bridge.proxy}${query}`);
        ws.on('close', (code) => resolve(code));
        ws.on('error', reject);
      });
    expect(await closeCode('?address=example.com:5432')).toBe(1008);
    expect(await closeCode('?address=127.0.0.1:22')).toBe(1008);
    expect(await closeCode('')).toBe(1008);
  });

  it('applies the migrations through the Neon driver', async () => {
    const tables = await rows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'one_time_links',
        'email_outbox',
        'rate_limits',
        'login_throttles',
        'security_events',
      ]),
    );
    const journal = JSON.parse(
      fs.readFileSync(path.resolve('drizzle/meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const applied = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it('runs the account journey: register, activate, sign in', async () => {
    const deps = testDeps(db);
    const email = 'neon.journey@example.ca';
    expect(await register(deps, email)).toBe('ok');
    const token = await latestActivationToken(db, email);
    const activated = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
    expect(activated).toMatchObject({ status: 'activated', email });
    const login = await authenticate(deps, { email, password: GOOD_PASSWORD, ip: nextIp() });
    expect(login.status).toBe('ok');
    expect((await userByEmail(db, email))?.status).toBe('active');
  });

  it('rolls an interactive transaction back entirely, and hides it from other connections', async () => {
    const email = 'neon.rollback@example.ca';
    const now = new Date();
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({
          email,
          passwordHash: 'not-a-real-hash',
          locale: 'fr',
          termsVersion: '2026-11-01',
          acceptedTermsAt: now,
        });
        await enqueueEmail(tx, {
          to: email,
          template: 'activation',
          locale: 'fr',
          props: { activationUrl: 'https://portal.test/fr/activer?token=x', expiresInHours: 48 },
        });
        expect(await tx.select().from(users).where(eq(users.email, email))).toHaveLength(1);
        expect(
          await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
        ).toHaveLength(1);
        // Another connection of the pool does not see the uncommitted rows.
        expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
        throw new Error('abort the transaction');
      }),
    ).rejects.toThrow('abort the transaction');
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(
      await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
    ).toHaveLength(0);
  });

  it('allows exactly `limit` of 30 simultaneous hits on one rate-limit key', async () => {
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        hitRateLimit(wide, { key: 'neon-concurrency', limit: 20, windowMs: 60_000, now }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    // No lost update: the counts are exactly 1..30.
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('counts every one of 10 simultaneous login failures', async () => {
    const key = 'neon-login-throttle';
    const now = new Date();
    await Promise.all(Array.from({ length: 10 }, () => recordLoginFailure(wide, key, now)));
    const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
    expect(row?.failures).toBe(10);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(now.getTime());
  });

  it('sends each queued mail exactly once with two drainers running at the same time', async () => {
    await db.delete(emailOutbox);
    const addresses = Array.from({ length: 20 }, (_, i) => `drain${i}@example.ca`);
    for (const to of addresses) {
      await enqueueEmail(db, {
        to,
        template: 'activation',
        locale: 'en',
        props: { activationUrl: 'https://portal.test/en/activate?token=y', expiresInHours: 48 },
      });
    }
    const sent: string[] = [];
    const transport: MailTransport = {
      async sendMail(message) {
        await sleep(5);
        sent.push(message.to);
      },
    };
    const counts = await Promise.all([
      deliverPending(wide, { transport }),
      deliverPending(wide, { transport }),
    ]);
    expect(counts.reduce((total, c) => total + c.sent, 0)).toBe(20);
    expect(counts.every((c) => c.failed === 0 && c.retried === 0)).toBe(true);
    expect([...sent].sort()).toEqual([...addresses].sort());
    const statuses = await db.select({ status: emailOutbox.status }).from(emailOutbox);
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });

  it('runs `npm run db:migrate` (scripts/db-migrate.ts) against the same database', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/db-migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NEON_WS_PROXY: bridge.proxy },
      timeout: 20_000,
    });
    expect(stdout).toContain('Migrations applied to DATABASE_URL.');
  });
});
