import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, getTableName, like, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateAccount } from '@/lib/accounts/activate-account';
import { authenticate } from '@/lib/accounts/authenticate';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resetPassword } from '@/lib/accounts/reset-password';
import { DatabaseLockedError, acquirePgliteLock, lockPathFor } from '@/lib/db/pglite-lock';
import * as schema from '@/lib/db/schema';
import {
  oneTimeLinks,
  buildingRegistrations,
  consents,
  contactDetails,
  contactDetailsChanges,
  emailOutbox,
  rateLimits,
  securityEvents,
  users,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import {
  CLAIM_LEASE_MS,
  deliverPending,
  retryDelayMs,
  type MailTransport,
} from '@/lib/email/outbox';
import { getTransport } from '@/lib/email/transport';
import { giveConsent } from '@/lib/registration/give-consent';
import { profileSchema } from '@/lib/registration/profile-schema';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { rateLimitKey } from '@/lib/security/rate-limit';
import {
  GOOD_PASSWORD,
  latestResetToken,
  nextIp,
  register,
  testDeps,
  userByEmail,
} from '../helpers/accounts';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { activeUser, PROFILE } from '../helpers/registration';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 5, faults: SMTP outages, a process that dies between its commit and the delivery, a
 * database error in the middle of a transaction, and the embedded database's process killed
 * while it writes. In each case nothing is lost, nothing is sent twice and nothing is half-written.
 */

const run = promisify(execFile);
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');

/** A data folder holding the migrated snapshot every test database starts from. */
async function migratedDataDir(): Promise<{ root: string; dir: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-faults-'));
  const dir = path.join(root, 'pglite');
  const snapshot = process.env.MONSO_TEST_DB_SNAPSHOT;
  if (!snapshot) throw new Error('MONSO_TEST_DB_SNAPSHOT is not set: run the tests through vitest');
  const client = await PGlite.create(dir, {
    loadDataDir: new Blob([fs.readFileSync(snapshot)]),
  });
  await client.close();
  return { root, dir };
}

async function count(db: Db, table: PgTable, where?: ReturnType<typeof eq>): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return row?.n ?? 0;
}

describe('SMTP outage', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.close();
  });

  it('a sign-up during an SMTP outage is kept, its mail retried with backoff and delivered once when SMTP is back', async () => {
    // The sink runs, then stops: its port is closed while the person signs up.
    const first = await startSmtpSink();
    const port = first.port;
    await first.close();
    // The product's own transport (lib/email/transport.ts), pointed at the dead server.
    vi.stubEnv('SMTP_URL', `smtp://127.0.0.1:${port}`);
    const transport = getTransport()!;
    const deps = testDeps(t.db);
    const email = 'outage@example.ca';

    expect(await register(deps, email)).toBe('ok');
    expect((await userByEmail(t.db, email))?.status).toBe('pending');
    const pending = () => t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(await pending()).toMatchObject([{ status: 'pending', attempts: 0 }]);

    // The drain fails and schedules the next try 1 minute later (1, 2, 4… minutes).
    expect(await deliverPending(t.db, { transport, now: deps.now })).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
    });
    const [afterFailure] = await pending();
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(afterFailure?.nextAttemptAt.getTime()).toBe(deps.now().getTime() + retryDelayMs(1));
    expect(retryDelayMs(1)).toBe(60_000);

    // SMTP comes back on the same port; before the backoff has passed, nothing is tried.
    const sink = await startSmtpSink({ port });
    try {
      deps.clock.advance(retryDelayMs(1) - 1);
      expect(await deliverPending(t.db, { transport, now: deps.now })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
      deps.clock.advance(1);
      expect(await deliverPending(t.db, { transport, now: deps.now })).toEqual({
        sent: 1,
        failed: 0,
        retried: 0,
      });
      const mail = await sink.waitFor((m) => m.text?.includes('token=') ?? false);
      expect(mail.to).toMatchObject({ value: [{ address: email }] });
      // A second drain sends nothing more.
      expect(await deliverPending(t.db, { transport, now: deps.now })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
      await sleep(200);
      expect(sink.messages).toHaveLength(1);
      expect(await pending()).toMatchObject([{ status: 'sent', attempts: 2, payload: null }]);

      // The delayed link still works: the outage cost time, not the account.
      const token = /token=([\w-]+)/.exec(mail.text ?? '')?.[1] ?? '';
      const activated = await activateAccount(deps, {
        token,
        password: GOOD_PASSWORD,
        ip: nextIp(),
      });
      expect(activated.status).toBe('activated');
    } finally {
      await sink.close();
    }
  });

  it('a drainer that dies in the middle of a delivery leaves the mail to the next drain after the lease', async () => {
    await t.db.delete(emailOutbox);
    const deps = testDeps(t.db);
    expect(await register(deps, 'lease@example.ca')).toBe('ok');
    // A transport that never answers: the drainer "dies" holding its claim.
    const hung: MailTransport = { sendMail: () => new Promise(() => {}) };
    void deliverPending(t.db, { transport: hung, now: deps.now });
    await vi.waitFor(async () => {
      const [row] = await t.db.select().from(emailOutbox);
      expect(row?.attempts).toBe(1);
    });

    const sent: string[] = [];
    const recorder: MailTransport = {
      async sendMail(message) {
        sent.push(message.to);
      },
    };
    // Within the lease, another drainer leaves the claimed row alone (no double send).
    deps.clock.advance(CLAIM_LEASE_MS - 1);
    expect(await deliverPending(t.db, { transport: recorder, now: deps.now })).toMatchObject({
      sent: 0,
    });
    deps.clock.advance(1);
    expect(await deliverPending(t.db, { transport: recorder, now: deps.now })).toMatchObject({
      sent: 1,
    });
    expect(sent).toEqual(['lease@example.ca']);
  });
});

describe('a process killed between its commit and the delivery', () => {
  let root: string;
  let dir: string;
  let sink: SmtpSink;

  beforeAll(async () => {
    [{ root, dir }, sink] = await Promise.all([migratedDataDir(), startSmtpSink()]);
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the mail it queued is delivered by `npm run scheduled-jobs` (scripts/scheduled-jobs.ts)', async () => {
    const email = 'orphan@example.ca';
    // The "request": a sign-up committed on the embedded database; the process then goes away
    // without anyone delivering (no deliverOutboxSoon, no cron yet). Real time: the script
    // drains what is due by the wall clock.
    {
      const client = await PGlite.create(dir);
      const db = drizzle(client, { schema }) as unknown as Db;
      expect(await register(testDeps(db, fakeClock(new Date())), email)).toBe('ok');
      await client.close();
    }

    const { stdout } = await run(process.execPath, [TSX, 'scripts/scheduled-jobs.ts'], {
      env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: dir, SMTP_URL: sink.url },
      timeout: 60_000,
    });
    expect(stdout).toContain('Outbox drained: 1 sent, 0 to retry, 0 failed.');
    const mail = await sink.waitFor((m) => m.to !== undefined);
    expect(mail.to).toMatchObject({ value: [{ address: email }] });
    expect(mail.text).toMatch(/token=[\w-]{43}/);

    // The row is settled: a later drain finds nothing to send again.
    const client = await PGlite.create(dir);
    try {
      const db = drizzle(client, { schema }) as unknown as Db;
      expect(await db.select().from(emailOutbox)).toMatchObject([
        { toAddress: email, status: 'sent', attempts: 1, payload: null },
      ]);
      const recorder: MailTransport = { sendMail: () => Promise.reject(new Error('no')) };
      expect(await deliverPending(db, { transport: recorder })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
    } finally {
      await client.close();
    }
    expect(sink.messages).toHaveLength(1);
  }, 90_000);
});

/**
 * Database errors in the middle of a transaction, two ways:
 * - `wrapper`: a db whose `insert` into one table throws, inside transactions only (what a
 *   driver error or a bug in our code would do);
 * - `trigger`: the database itself raises on that insert (a BEFORE INSERT trigger), so the
 *   server aborts the transaction as a constraint or disk error would.
 */
type FaultMode = 'wrapper' | 'trigger';

function failingInserts(db: Db, table: PgTable): Db {
  const wrap = (target: Db, inTransaction: boolean): Db =>
    new Proxy(target, {
      get(obj, prop) {
        if (prop === 'insert' && inTransaction) {
          return (into: PgTable) => {
            if (into === table)
              throw new Error(`injected fault: insert into ${getTableName(into)}`);
            return obj.insert(into);
          };
        }
        if (prop === 'transaction') {
          return (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
            obj.transaction((tx) => fn(wrap(tx as unknown as Db, true)), config as never);
        }
        const value: unknown = Reflect.get(obj, prop, obj);
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(obj)
          : value;
      },
    });
  return wrap(db, false);
}

async function withFault<T>(
  db: Db,
  mode: FaultMode,
  table: PgTable,
  body: (faulty: Db) => Promise<T>,
  /** SQL condition on NEW for the trigger, e.g. to spare rows written outside the transaction. */
  when?: string,
): Promise<T> {
  if (mode === 'wrapper') return body(failingInserts(db, table));
  const name = getTableName(table);
  await db.execute(
    sql.raw(`create or replace function monso_injected_fault() returns trigger language plpgsql
      as $$ begin raise exception 'injected fault: insert into %', tg_table_name; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger monso_injected_fault before insert on "${name}" for each row
      ${when ? `when (${when})` : ''} execute function monso_injected_fault()`),
  );
  try {
    return await body(db);
  } finally {
    await db.execute(sql.raw(`drop trigger monso_injected_fault on "${name}"`));
  }
}

/** The injected error, however the driver and drizzle wrapped it ("Failed query: …", cause). */
function isInjectedFault(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error && e.message.includes('injected fault')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Row counts of every table a transaction below could touch (rate_limits aside: see callers). */
async function snapshot(db: Db) {
  const tables = {
    users,
    oneTimeLinks,
    emailOutbox,
    securityEvents,
    buildingRegistrations,
    consents,
    contactDetails,
    contactDetailsChanges,
  };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, await count(db, table)] as const),
  );
  return Object.fromEntries(entries);
}

describe('a database error in the middle of a transaction leaves no partial rows', () => {
  let t: TestDb;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());
  const faults = (list: Array<{ table: PgTable; when?: string }>) =>
    list.map((f) => ({ ...f, name: getTableName(f.table) }));

  const modes: FaultMode[] = ['wrapper', 'trigger'];

  describe.each(modes)('(%s)', (mode) => {
    it.each(
      faults([
        // The per-IP hit of the same table happens before the transaction and is meant to stay.
        { table: rateLimits, when: "NEW.key like 'activation-mail:%'" },
        { table: users },
        { table: oneTimeLinks },
        { table: emailOutbox },
        { table: securityEvents },
      ]),
    )('createAccount, failing on the insert into $name', async ({ table, when }) => {
      const deps = testDeps(t.db);
      const email = `fault.create.${mode}.${++n}@example.ca`;
      const before = await snapshot(t.db);
      await expect(
        withFault(t.db, mode, table, (db) => register({ ...deps, db }, email), when),
      ).rejects.toSatisfy(isInjectedFault);
      expect(await snapshot(t.db)).toEqual(before);
      expect(await userByEmail(t.db, email)).toBeUndefined();
      // The address's activation-mail budget was not spent by the failed attempt.
      expect(
        await count(t.db, rateLimits, eq(rateLimits.key, rateLimitKey('activation-mail', email))),
      ).toBe(0);

      // Once the fault is gone, the same sign-up works completely.
      expect(await register(deps, email)).toBe('ok');
      const user = await userByEmail(t.db, email);
      expect(await count(t.db, oneTimeLinks, eq(oneTimeLinks.userId, user!.id))).toBe(1);
      expect(await count(t.db, emailOutbox, eq(emailOutbox.toAddress, email))).toBe(1);
    });

    it.each(
      faults([
        { table: contactDetails },
        { table: contactDetailsChanges },
        { table: buildingRegistrations },
        { table: consents },
        { table: securityEvents },
      ]),
    )('giveConsent, failing on the insert into $name', async ({ table }) => {
      const deps = testDeps(t.db);
      const userId = await activeUser(deps, `fault.consent.${mode}.${++n}@example.ca`);
      const profile = profileSchema.parse(PROFILE);
      const before = await snapshot(t.db);
      await expect(
        withFault(t.db, mode, table, (db) =>
          giveConsent({ db, now: deps.now }, { userId, locale: 'fr', profile }),
        ),
      ).rejects.toSatisfy(isInjectedFault);
      expect(await snapshot(t.db)).toEqual(before);
      expect(
        await count(t.db, buildingRegistrations, eq(buildingRegistrations.userId, userId)),
      ).toBe(0);
      expect(await count(t.db, consents, eq(consents.userId, userId))).toBe(0);
      expect(await count(t.db, contactDetails, eq(contactDetails.userId, userId))).toBe(0);
      expect(await getRegistrationState(t.db, userId)).toBe('needs_consent');

      expect(await giveConsent(deps, { userId, locale: 'fr', profile })).toMatchObject({
        status: 'ok',
      });
      expect(await count(t.db, consents, eq(consents.userId, userId))).toBe(1);
    });

    it.each(faults([{ table: emailOutbox }, { table: securityEvents }]))(
      'resetPassword, failing on the insert into $name',
      async ({ table }) => {
        const deps = testDeps(t.db);
        const email = `fault.reset.${mode}.${++n}@example.ca`;
        const userId = await activeUser(deps, email);
        expect(await requestPasswordReset(deps, { email, locale: 'fr', ip: nextIp() })).toBe('ok');
        const token = await latestResetToken(t.db, email);
        const account = await userByEmail(t.db, email);
        const newPassword = 'nouvelle phrase de passe tranquille';
        const before = await snapshot(t.db);

        await expect(
          withFault(t.db, mode, table, (db) =>
            resetPassword({ ...deps, db }, { token, password: newPassword, ip: nextIp() }),
          ),
        ).rejects.toSatisfy(isInjectedFault);
        expect(await snapshot(t.db)).toEqual(before);
        // Nothing of the reset happened: same hash and session version, the link unused.
        expect(await userByEmail(t.db, email)).toEqual(account);
        const [link] = await t.db
          .select()
          .from(oneTimeLinks)
          .where(and(eq(oneTimeLinks.kind, 'password_reset'), eq(oneTimeLinks.userId, userId)));
        expect(link).toMatchObject({ usedAt: null, supersededAt: null });
        expect(
          (await authenticate(deps, { email, password: GOOD_PASSWORD, ip: nextIp() })).status,
        ).toBe('ok');

        // The same link works once the fault is gone.
        expect(await resetPassword(deps, { token, password: newPassword, ip: nextIp() })).toBe(
          'reset',
        );
      },
    );
  });
});

describe('the embedded database survives a killed process', () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    ({ root, dir } = await migratedDataDir());
  }, 60_000);
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(lockPathFor(dir), { force: true });
  });

  it('reopens after SIGKILL mid-write, takes over the stale lock and keeps every committed row', async () => {
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild process,
    // which a SIGKILL of the child would leave running (and holding the lock).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/pglite-crash-writer.ts'],
      {
        env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let committed = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let buffered = '';
    const reached = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^committed (\d+)$/.exec(line);
          if (match) committed = Number(match[1]);
        }
        if (committed >= 40) resolve();
      });
      void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
    });
    await reached;

    // While the writer lives, its lock keeps everyone else out.
    expect(fs.readFileSync(lockPathFor(dir), 'utf8').trim()).toBe(String(child.pid));
    expect(() => acquirePgliteLock(dir)).toThrow(DatabaseLockedError);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // What it had reported before dying (it may have committed one more).
    const reported = committed + 1;

    // The dead process's lock is stale: taken over, not an error.
    expect(fs.readFileSync(lockPathFor(dir), 'utf8').trim()).toBe(String(child.pid));
    acquirePgliteLock(dir);
    expect(fs.readFileSync(lockPathFor(dir), 'utf8').trim()).toBe(String(process.pid));

    const client = await PGlite.create(dir);
    try {
      const db = drizzle(client, { schema }) as unknown as Db;
      const written = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(like(users.email, 'crash.%'));
      expect(written.length).toBeGreaterThanOrEqual(reported);
      // In commit order, without a gap: 0 … n-1.
      const numbers = written
        .map((u) => Number(/^crash\.(\d+)@/.exec(u.email)?.[1]))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i));
      // Each transaction is whole: every user has its event, no event lacks its user.
      const events = await db
        .select({ userId: securityEvents.userId })
        .from(securityEvents)
        .where(eq(securityEvents.type, 'register'));
      expect(events.map((e) => e.userId).sort()).toEqual(written.map((u) => u.id).sort());
      // And the database takes writes again.
      await db.insert(securityEvents).values({ type: 'logout' });
      expect(await count(db, securityEvents, eq(securityEvents.type, 'logout'))).toBe(1);
    } finally {
      await client.close();
    }
  }, 90_000);
});
