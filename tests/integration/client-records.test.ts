import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importClientRecords } from '@/lib/clients/import-client-records';
import { issueClientPin } from '@/lib/clients/issue-client-pin';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { acquirePgliteLock } from '@/lib/db/pglite-lock';
import { buildingRegistrations, clientRecords, pinLockouts, securityEvents } from '@/lib/db/schema';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { skipClientRecord } from '@/lib/registration/skip-client-record';
import { outbox, testDeps } from '../helpers/accounts';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';
import { activeUser, consentedUser } from '../helpers/registration';

const run = promisify(execFile);
let t: TestDb;
let deps: ReturnType<typeof testDeps>;
let ipCount = 0;
const ip = () => `192.0.2.${++ipCount % 250}`;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

const issue = (clientNumber?: string, validDays?: number) =>
  issueClientPin(
    t.db,
    { firstName: 'Jean', lastName: 'Tremblay', clientNumber },
    { now: deps.now(), validDays },
  );

describe('issueClientPin', () => {
  it('PIN-04: stores the record with only a keyed hash of the PIN', async () => {
    const { clientNumber, pin } = await issue('4200001');
    expect(clientNumber).toBe('4200001');
    expect(pin).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const dump = JSON.stringify(await t.db.select().from(clientRecords));
    expect(dump).not.toContain(pin);
    expect(dump).not.toContain(pin.replace('-', ''));
  });

  it('draws a free client number when none is given, and refuses a taken one', async () => {
    const drawn = await issue();
    expect(drawn.clientNumber).toMatch(/^\d{8}$/);
    await expect(issue(drawn.clientNumber)).rejects.toThrow(/already has a record/);
  });
});

describe('linkClientRecord', () => {
  it('PIN-05, PIN-09: links with the PIN typed in any form, consumes it, mails the owner and audits', async () => {
    const userId = await consentedUser(deps, 'link@example.ca');
    const { clientNumber, pin } = await issue('4200002');
    const typed = ` ${pin.toLowerCase().replace('-', ' ')} `;
    expect(await linkClientRecord(deps, { userId, pin: typed, ip: ip() })).toEqual({
      status: 'linked',
      clientNumber,
    });
    expect(await getRegistrationState(t.db, userId)).toBe('registered');
    const [record] = await t.db.select().from(clientRecords);
    expect(record).toMatchObject({ linkedUserId: userId, pinUsedAt: deps.now() });
    const mail = (await outbox(t.db)).find((m) => m.template === 'client-record-linked');
    expect(mail).toMatchObject({ toAddress: 'link@example.ca', locale: 'fr' });
    expect(mail?.props).toMatchObject({ clientNumber });
    const events = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'pin_linked'));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(pin.replace('-', ''));
  });

  it('PIN-05: refuses the same PIN for a second account, generically', async () => {
    const a = await consentedUser(deps, 'a@example.ca');
    const b = await consentedUser(deps, 'b@example.ca');
    const { pin } = await issue('4200003');
    expect((await linkClientRecord(deps, { userId: a, pin, ip: ip() })).status).toBe('linked');
    expect(await linkClientRecord(deps, { userId: b, pin, ip: ip() })).toEqual({
      status: 'invalid',
    });
    expect(await getRegistrationState(t.db, b)).toBe('needs_client_record');
  });

  it('allows one record per account', async () => {
    const userId = await consentedUser(deps, 'one@example.ca');
    const first = await issue('4200004');
    const second = await issue('4200005');
    await linkClientRecord(deps, { userId, pin: first.pin, ip: ip() });
    expect(await linkClientRecord(deps, { userId, pin: second.pin, ip: ip() })).toEqual({
      status: 'already_linked',
    });
  });

  it('PIN-07: says "expired" only when the PIN matched', async () => {
    const userId = await consentedUser(deps, 'old@example.ca');
    const { pin } = await issue('4200006', 30);
    deps.clock.advance(31 * 86_400_000);
    expect(await linkClientRecord(deps, { userId, pin, ip: ip() })).toEqual({ status: 'expired' });
    expect(await linkClientRecord(deps, { userId, pin: 'ZZZZ-ZZZZ', ip: ip() })).toEqual({
      status: 'invalid',
    });
  });

  it('explains a mistyped PIN without counting an attempt', async () => {
    const userId = await consentedUser(deps, 'typo@example.ca');
    expect(await linkClientRecord(deps, { userId, pin: 'ABC', ip: ip() })).toEqual({
      status: 'format',
      error: 'length',
    });
    expect(await t.db.select().from(pinLockouts)).toEqual([]);
  });

  it('PIN-02: refuses the 6th attempt in 10 minutes, even with the right PIN', async () => {
    const userId = await consentedUser(deps, 'budget@example.ca');
    const { pin } = await issue('4200007');
    for (let i = 0; i < 5; i++) {
      expect((await linkClientRecord(deps, { userId, pin: 'ZZZZ-ZZZ' + i, ip: ip() })).status).toBe(
        'invalid',
      );
    }
    expect(await linkClientRecord(deps, { userId, pin, ip: ip() })).toEqual({
      status: 'rate_limited',
    });
    deps.clock.advance(10 * 60_000 + 1000);
    expect((await linkClientRecord(deps, { userId, pin, ip: ip() })).status).toBe('linked');
  });

  it('PIN-02: evaluates at most 5 of 20 parallel wrong PINs', async () => {
    const userId = await consentedUser(deps, 'parallel@example.ca');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        linkClientRecord(deps, { userId, pin: `ZZZZ-ZZ${String(i).padStart(2, '0')}`, ip: ip() }),
      ),
    );
    expect(results.filter((r) => r.status === 'invalid')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rate_limited')).toHaveLength(15);
    const [lock] = await t.db.select().from(pinLockouts);
    expect(lock?.consecutiveFailures).toBe(5);
  });

  it('PIN-02: locks linking after 10 consecutive failures, and a new PIN does not unlock it', async () => {
    const userId = await consentedUser(deps, 'lock@example.ca');
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) deps.clock.advance(10 * 60_000 + 1000);
      statuses.push(
        (await linkClientRecord(deps, { userId, pin: `ZZZZ-ZZ${i}0`, ip: ip() })).status,
      );
    }
    expect(statuses.slice(0, 9).every((s) => s === 'invalid')).toBe(true);
    expect(statuses[9]).toBe('locked');
    deps.clock.advance(24 * 3_600_000);
    const fresh = await issue('4200008');
    expect(await linkClientRecord(deps, { userId, pin: fresh.pin, ip: ip() })).toEqual({
      status: 'locked',
    });
    expect(
      await t.db.select().from(securityEvents).where(eq(securityEvents.type, 'pin_locked')),
    ).toHaveLength(1);
  });

  it('PIN-03: limits one address to 20 attempts an hour across accounts', async () => {
    const shared = '198.51.100.99';
    const results: string[] = [];
    for (let a = 0; a < 3; a++) {
      const userId = await consentedUser(deps, `ip${a}@example.ca`);
      for (let i = 0; i < 8; i++) {
        if (i === 5) deps.clock.advance(10 * 60_000 + 1000);
        results.push(
          (await linkClientRecord(deps, { userId, pin: `ZZZZ-Z${a}${i}0`, ip: shared })).status,
        );
      }
    }
    expect(results.slice(0, 20).every((s) => s === 'invalid')).toBe(true);
    expect(results.slice(20)).toEqual([
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'rate_limited',
    ]);
  });

  it('PIN-01, AUTHZ-02, PIN-08: is refused before consent, and allowed after skipping', async () => {
    const early = await activeUser(deps, 'early@example.ca');
    const { pin } = await issue('4200009');
    expect(await linkClientRecord(deps, { userId: early, pin, ip: ip() })).toEqual({
      status: 'wrong_step',
    });
    expect(await t.db.select().from(pinLockouts)).toEqual([]);

    const skipper = await consentedUser(deps, 'later@example.ca');
    await skipClientRecord(deps, skipper);
    const [row] = await t.db
      .select()
      .from(buildingRegistrations)
      .where(eq(buildingRegistrations.userId, skipper));
    expect(row).toMatchObject({ clientRecordChoice: 'skipped', clientRecordChoiceAt: deps.now() });
    expect((await linkClientRecord(deps, { userId: skipper, pin, ip: ip() })).status).toBe(
      'linked',
    );
  });
});

describe('importClientRecords', () => {
  it('issues good rows and reports bad ones by line number', async () => {
    const csv = [
      'client_number,first_name,last_name,address',
      '5000001,Jean,Tremblay,"110, avenue Laurier Ouest, Ottawa"',
      ',Marie,Lavoie,',
      '5000003,,Gagnon,',
      '5000001,Paul,Roy,',
      '5000005,"Anne ""Annie""",Côté,"1 rue X',
      'Ottawa"',
      '5000006,Luc,Bad\u0007Name,',
    ].join('\n');
    const result = await importClientRecords(t.db, csv, { now: deps.now() });
    expect(result.issued.map((r) => [r.line, r.firstName])).toEqual([
      [2, 'Jean'],
      [3, 'Marie'],
      [6, 'Anne "Annie"'],
    ]);
    expect(result.issued[2]?.address).toBe('1 rue X, Ottawa');
    expect(result.errors.map((e) => e.line)).toEqual([4, 5, 8]);
    expect(result.errors[0]?.message).toMatch(/first_name/);
    expect(result.errors[1]?.message).toMatch(/5000001/);
    expect(await t.db.select().from(clientRecords)).toHaveLength(3);
  });

  it('refuses a file without the expected header', async () => {
    const result = await importClientRecords(t.db, 'nom,prenom\nJean,Tremblay\n');
    expect(result.issued).toEqual([]);
    expect(result.errors[0]).toMatchObject({ line: 1 });
  });
});

describe('npm run clients', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/clients.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'test', ...env },
    });

  it('issue prints exactly one JSON line; import writes the mailing file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-cli-'));
    const env = { PGLITE_DIR: path.join(dir, 'db') };
    const { stdout } = await cli(
      ['issue', '--first-name', 'Jean', '--last-name', 'Tremblay', '--client-number', '777'],
      env,
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      clientNumber: '777',
      pin: expect.stringMatching(/^\w{4}-\w{4}$/),
    });

    const csv = path.join(dir, 'records.csv');
    fs.writeFileSync(
      csv,
      'client_number,first_name,last_name,address\n778,Marie,Lavoie,\n777,Dup,Licate,\n',
    );
    const failed = await cli(['import', csv], env).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/line 3: .*777/);
    const mailing = fs
      .readFileSync(path.join(dir, 'records-mailing.csv'), 'utf8')
      .trim()
      .split(/\r\n/);
    expect(mailing[0]).toBe('client_number,first_name,last_name,address,pin');
    expect(mailing[1]).toMatch(/^778,Marie,Lavoie,,\w{4}-\w{4}$/);
    expect(mailing).toHaveLength(2);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses, with a clear message, an embedded database held by a running server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-lock-'));
    const dbDir = path.join(dir, 'db');
    // Stand in for `next dev`: this test process holds the folder's lock.
    acquirePgliteLock(dbDir);
    const failed = await cli(['issue', '--first-name', 'A', '--last-name', 'B'], {
      PGLITE_DIR: dbDir,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(
      new RegExp(`in use by process ${process.pid}`),
    );
    expect(fs.existsSync(dbDir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('explains both commands with --help', async () => {
    const { stdout } = await cli(['--help'], {});
    expect(stdout).toMatch(/issue --first-name/);
    expect(stdout).toMatch(/import FILE\.csv/);
  });
});
