import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { issueClientPin } from '@/lib/clients/issue-client-pin';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { giveConsent } from '@/lib/registration/give-consent';
import { profileSchema } from '@/lib/registration/profile-schema';
import type { Db } from '@/lib/db/client';
import {
  oneTimeLinks,
  clientRecords,
  consents,
  emailOutbox,
  loginThrottles,
  pinLockouts,
  rateLimits,
  securityEvents,
  users,
} from '@/lib/db/schema';
import { deliverPending, type MailTransport } from '@/lib/email/outbox';
import { LOCK_EVERY_FAILURES, loginThrottleKey } from '@/lib/security/login-throttle';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import {
  activatedAccount,
  GOOD_PASSWORD,
  nextIp,
  register,
  testDeps,
  userByEmail,
} from '../helpers/accounts';
import { createTestDb } from '../helpers/db';
import { openOwnPostgres } from '../helpers/own-postgres';
import { PROFILE, activeUser, consentedUser } from '../helpers/registration';
import { fastSinkTransport, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 5, under load: the flows that must hold when many requests for the same thing arrive at
 * once. Every scenario runs on the embedded database (PGlite: one connection, so the requests
 * interleave statement by statement) and, when TEST_DATABASE_URL is set (CI), on PostgreSQL
 * through the production driver (a Neon Pool over WebSocket, many connections: real parallel
 * transactions, row locks and unique-constraint races).
 *
 * The numbers are the issue's: 200 sign-ups of one address, 200 of distinct addresses, 50 PIN
 * attempts, 20 sign-ins, all reached in full. Each sign-up hashes a password with argon2id (~10–30
 * ms of CPU): 200 of them took 2–2.5 s per backend on 2 idle cores, and the whole file ~15 s
 * (~32 s with the machine busy with other builds). The 200 mails go to the sink through a pooled
 * transport: with one connection per mail the SMTP pauses alone took ~30 s (see fastSinkTransport).
 */
const SIGN_UPS = 200;
const PIN_ATTEMPTS = 50;
const SIGN_INS = 20;

const pgUrl = process.env.TEST_DATABASE_URL;

interface Backend {
  name: string;
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const t = await createTestDb();
      return { db: t.db, close: () => t.close() };
    },
  },
];
if (pgUrl) {
  backends.push({
    name: 'PostgreSQL (Neon driver)',
    open: () => openOwnPostgres(pgUrl, 'concurrency'),
  });
}

async function count(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return row?.n ?? 0;
}

function recipients(mail: ParsedMail): string[] {
  return [mail.to ?? []].flat().flatMap((to) => to.value.map((a) => a.address ?? ''));
}

let sink: SmtpSink;
let smtp: MailTransport & { close(): void };

beforeAll(async () => {
  sink = await startSmtpSink();
  // Pooled, Nagle off: 200 mails in seconds rather than ~30 s of SMTP pauses (see the helper).
  smtp = fastSinkTransport(sink);
});
afterAll(async () => {
  smtp.close();
  await sink.close();
});

describe.each(backends)('under concurrency, on $name', (backend) => {
  let db: Db;
  let close: () => Promise<void>;
  let deps: ReturnType<typeof testDeps>;

  beforeAll(async () => {
    ({ db, close } = await backend.open());
    deps = testDeps(db);
  }, 60_000);
  afterAll(() => close());
  beforeEach(async () => {
    // Each scenario drains only its own mail.
    await db.delete(emailOutbox);
    sink.messages.length = 0;
  });

  it(
    `REG-01, REG-04: ${SIGN_UPS} simultaneous sign-ups of one address make one account, ` +
      'one working link and no more activation mails than the hourly budget',
    async () => {
      const email = 'same.address@example.ca';
      // Each call from its own address: the per-IP limit (REG-05) is not what is tested here.
      const results = await Promise.allSettled(
        Array.from({ length: SIGN_UPS }, () => register(deps, email, { ip: nextIp() })),
      );
      // No request fails (a unique violation here used to be a 500 for the losers of the race).
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(results.every((r) => r.status === 'fulfilled' && r.value === 'ok')).toBe(true);

      expect(await count(db, users, eq(users.email, email))).toBe(1);
      const user = await userByEmail(db, email);
      // A repeated sign-up of a pending account re-sends the link (REG-01), within the address's
      // budget of 5 an hour (REG-04): exactly 5 mails, however many requests raced; the rest of
      // the requests answered the same and sent nothing.
      const mails = await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.template, 'activation')));
      expect(mails).toHaveLength(LIMITS.activationEmailsPerAddress.limit);
      const ofUser = and(eq(oneTimeLinks.kind, 'activation'), eq(oneTimeLinks.userId, user!.id));
      expect(await count(db, oneTimeLinks, ofUser)).toBe(LIMITS.activationEmailsPerAddress.limit);
      // Only the newest link works (ACT-04).
      const live = and(ofUser, isNull(oneTimeLinks.supersededAt), isNull(oneTimeLinks.usedAt));
      expect(await count(db, oneTimeLinks, live)).toBe(1);
      // The budget counted every one of the attempts: no lost update.
      const [budget] = await db
        .select({ count: rateLimits.count })
        .from(rateLimits)
        .where(eq(rateLimits.key, rateLimitKey('activation-mail', email)));
      expect(budget?.count).toBe(SIGN_UPS);
      expect(
        await count(
          db,
          securityEvents,
          and(eq(securityEvents.type, 'register'), eq(securityEvents.userId, user!.id)),
        ),
      ).toBe(SIGN_UPS);
    },
    90_000,
  );

  it(
    `${SIGN_UPS} simultaneous sign-ups of distinct addresses queue ${SIGN_UPS} mails, ` +
      'and two drainers deliver each exactly once over SMTP',
    async () => {
      const emails = Array.from({ length: SIGN_UPS }, (_, i) => `load.${i}@example.ca`);
      const results = await Promise.allSettled(
        emails.map((email) => register(deps, email, { ip: nextIp() })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(results.every((r) => r.status === 'fulfilled' && r.value === 'ok')).toBe(true);
      expect(await count(db, users, inArray(users.email, emails))).toBe(SIGN_UPS);
      expect(await count(db, emailOutbox, and(eq(emailOutbox.template, 'activation')))).toBe(
        SIGN_UPS,
      );

      // Two drainers at once, each looping until nothing is due (20 rows per claim).
      const drain = async () => {
        let sent = 0;
        for (;;) {
          const counts = await deliverPending(db, { transport: smtp, now: deps.now });
          expect(counts.failed + counts.retried).toBe(0);
          if (counts.sent === 0) return sent;
          sent += counts.sent;
        }
      };
      const [a, b] = await Promise.all([drain(), drain()]);
      expect(a + b).toBe(SIGN_UPS);

      expect(sink.messages).toHaveLength(SIGN_UPS);
      const delivered = sink.messages.flatMap(recipients);
      expect([...delivered].sort()).toEqual([...emails].sort());
      // Every mail carries its own link.
      const links = sink.messages.map((m) => /token=([\w-]+)/.exec(m.text ?? '')?.[1]);
      expect(new Set(links).size).toBe(SIGN_UPS);
      expect(await count(db, emailOutbox, eq(emailOutbox.status, 'sent'))).toBe(SIGN_UPS);

      // A further drain finds nothing.
      expect(await deliverPending(db, { transport: smtp, now: deps.now })).toEqual({
        sent: 0,
        failed: 0,
        retried: 0,
      });
      expect(sink.messages).toHaveLength(SIGN_UPS);
    },
    90_000,
  );

  it('PRIV-02: two simultaneous "J’accepte" of one person record one consent', async () => {
    const userId = await activeUser(deps, 'double.consent@example.ca');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        giveConsent(deps, { userId, locale: 'fr', profile: profileSchema.parse(PROFILE) }),
      ),
    );
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'wrong_step')).toHaveLength(4);
    expect(await count(db, consents, eq(consents.userId, userId))).toBe(1);
  });

  it(`PIN-02: of ${PIN_ATTEMPTS} simultaneous wrong PINs on one account, at most 5 are evaluated`, async () => {
    const userId = await consentedUser(deps, 'pin.burst@example.ca');
    const results = await Promise.all(
      Array.from({ length: PIN_ATTEMPTS }, (_, i) =>
        linkClientRecord(deps, {
          userId,
          pin: `ZZZZ-Z${String(i).padStart(3, '0')}`,
          ip: nextIp(),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const evaluated = statuses.filter((s) => s !== 'rate_limited');
    expect(evaluated.length).toBeLessThanOrEqual(LIMITS.pinAttemptsPerAccount.limit);
    expect(evaluated.every((s) => s === 'invalid')).toBe(true);
    // The refused ones were refused before the PIN was looked at: only the evaluated ones moved
    // the consecutive-failure counter and wrote a failed-attempt event.
    const [lock] = await db.select().from(pinLockouts).where(eq(pinLockouts.userId, userId));
    expect(lock?.consecutiveFailures).toBe(evaluated.length);
    expect(
      await count(
        db,
        securityEvents,
        and(eq(securityEvents.type, 'pin_attempt_failed'), eq(securityEvents.userId, userId)),
      ),
    ).toBe(evaluated.length);
    // Every attempt was counted (increment before verification, no lost update).
    const [budget] = await db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(eq(rateLimits.key, rateLimitKey('pin-account', userId)));
    expect(budget?.count).toBe(PIN_ATTEMPTS);
  });

  it(`PIN-02, PIN-05: ${PIN_ATTEMPTS} simultaneous submissions of the right PIN link the record once`, async () => {
    const userId = await consentedUser(deps, 'pin.double@example.ca');
    const { pin, clientNumber } = await issueClientPin(
      db,
      { firstName: 'Jean', lastName: 'Tremblay', clientNumber: '7700001' },
      { now: deps.now() },
    );
    const results = await Promise.all(
      Array.from({ length: PIN_ATTEMPTS }, () =>
        linkClientRecord(deps, { userId, pin, ip: nextIp() }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'linked')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'linked' || s === 'invalid').length).toBeLessThanOrEqual(
      LIMITS.pinAttemptsPerAccount.limit,
    );
    expect(
      statuses.every((s) => ['linked', 'invalid', 'rate_limited', 'already_linked'].includes(s)),
    ).toBe(true);
    const [record] = await db
      .select()
      .from(clientRecords)
      .where(eq(clientRecords.clientNumber, clientNumber));
    expect(record).toMatchObject({ linkedUserId: userId });
    expect(await count(db, emailOutbox, eq(emailOutbox.template, 'client-record-linked'))).toBe(1);
  });

  it(`LOG-03: ${SIGN_INS} simultaneous wrong sign-ins on one email are each counted once`, async () => {
    const email = 'login.burst@example.ca';
    await activatedAccount(deps, email);
    const user = await userByEmail(db, email);
    const results = await Promise.all(
      Array.from({ length: SIGN_INS }, (_, i) =>
        authenticate(deps, { email, password: `wrong password number ${i}`, ip: nextIp() }),
      ),
    );
    expect(results.every((r) => r.status === 'invalid')).toBe(true);
    // Evaluated = the password was verified: those attempts log an event with the account's id
    // (a refusal for an already locked key logs without it and records no failure).
    const evaluated = await count(
      db,
      securityEvents,
      and(
        inArray(securityEvents.type, ['login_failure', 'login_locked']),
        eq(securityEvents.userId, user!.id),
      ),
    );
    expect(evaluated).toBeGreaterThanOrEqual(LOCK_EVERY_FAILURES);
    expect(evaluated).toBeLessThanOrEqual(SIGN_INS);
    const [throttle] = await db
      .select()
      .from(loginThrottles)
      .where(eq(loginThrottles.key, loginThrottleKey(email)));
    expect(throttle?.failures).toBe(evaluated);
    expect(throttle?.lockedUntil?.getTime()).toBeGreaterThan(deps.now().getTime());
    // Locked: even the right password is refused now.
    expect(
      (await authenticate(deps, { email, password: GOOD_PASSWORD, ip: nextIp() })).status,
    ).toBe('invalid');
  });

  it('LOG-04: 30 simultaneous sign-ins from one address get exactly 20 through the per-IP limit', async () => {
    const ip = '198.51.100.30';
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticate(deps, {
          email: `nobody.${i}@example.ca`,
          password: 'not the right password at all',
          ip,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rate_limited')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'invalid')).toHaveLength(20);
    const [row] = await db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(eq(rateLimits.key, rateLimitKey('login-ip', ip)));
    expect(row?.count).toBe(30);
  });

  it(`counts ${SIGN_UPS} simultaneous hits on one rate-limit key as exactly 1…${SIGN_UPS}`, async () => {
    const key = 'concurrency:one-key';
    const now = deps.now();
    const results = await Promise.all(
      Array.from({ length: SIGN_UPS }, () =>
        hitRateLimit(db, { key, limit: 20, windowMs: 60_000, now }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: SIGN_UPS }, (_, i) => i + 1),
    );
  });
});
