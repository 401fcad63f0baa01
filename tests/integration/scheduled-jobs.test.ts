import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activateAccount, inspectActivationLink } from '@/lib/accounts/activate-account';
import { DEAD_LINK_RETENTION_MS, pruneOneTimeLinks } from '@/lib/accounts/prune-one-time-links';
import { inspectResetLink } from '@/lib/accounts/reset-password';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { emailOutbox, loginThrottles, oneTimeLinks, rateLimits } from '@/lib/db/schema';
import {
  deliverPending,
  enqueueEmail,
  OUTBOX_RETENTION_MS,
  pruneOutbox,
  type MailTransport,
} from '@/lib/email/outbox';
import { runScheduledJobs } from '@/lib/jobs/run-scheduled-jobs';
import {
  checkLogin,
  LOGIN_THROTTLE_IDLE_MS,
  loginThrottleKey,
  pruneLoginThrottles,
  recordLoginFailure,
} from '@/lib/security/login-throttle';
import { hitRateLimit, LIMITS, rateLimitKey } from '@/lib/security/rate-limit';
import {
  activatedAccount,
  GOOD_PASSWORD,
  latestActivationToken,
  latestResetToken,
  nextIp,
  register,
  testDeps,
} from '../helpers/accounts';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let t: TestDb;
let deps: ReturnType<typeof testDeps>;
withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

const sink = (): MailTransport & { sent: number } => ({
  sent: 0,
  async sendMail() {
    this.sent++;
  },
});

describe('pruneLoginThrottles', () => {
  it('forgets a counter idle for 30 days, not sooner', async () => {
    const key = loginThrottleKey('idle@example.ca');
    for (let i = 0; i < 3; i++) await recordLoginFailure(t.db, key, deps.now());
    deps.clock.advance(LOGIN_THROTTLE_IDLE_MS);
    expect(await pruneLoginThrottles(deps)).toBe(0);
    deps.clock.advance(1);
    expect(await pruneLoginThrottles(deps)).toBe(1);
    expect(await t.db.select().from(loginThrottles)).toEqual([]);
  });

  it('keeps a hard lock however old: only a password reset opens it', async () => {
    const key = loginThrottleKey('hard@example.ca');
    for (let i = 0; i < 100; i++) await recordLoginFailure(t.db, key, deps.now());
    deps.clock.advance(365 * DAY);
    expect(await pruneLoginThrottles(deps)).toBe(0);
    expect(await checkLogin(t.db, key, deps.now())).toBe('hardLocked');
  });
});

describe('pruneOneTimeLinks', () => {
  it('keeps a used link for 7 days, so the page still says "used", then deletes it', async () => {
    await register(deps, 'used@example.ca');
    const token = await latestActivationToken(t.db, 'used@example.ca');
    const activated = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
    expect(activated.status).toBe('activated');
    deps.clock.advance(DEAD_LINK_RETENTION_MS);
    expect(await pruneOneTimeLinks(deps)).toBe(0);
    expect(await inspectActivationLink(deps, token)).toBe('used');
    deps.clock.advance(1);
    expect(await pruneOneTimeLinks(deps)).toBe(1);
    expect(await t.db.select().from(oneTimeLinks)).toEqual([]);
  });

  it('keeps an expired link 7 days after it expired', async () => {
    await activatedAccount(deps, 'reset@example.ca');
    await requestPasswordReset(deps, { email: 'reset@example.ca', locale: 'fr', ip: nextIp() });
    const expiring = await latestResetToken(t.db, 'reset@example.ca');
    deps.clock.advance(15 * MINUTE);
    expect(await inspectResetLink(deps, expiring)).toBe('expired');
    // Another account's link, live for 48 hours.
    await register(deps, 'pending@example.ca');
    deps.clock.advance(DEAD_LINK_RETENTION_MS);
    // Only reset@'s activation link goes: used 7 days and 15 minutes ago.
    expect(await pruneOneTimeLinks(deps)).toBe(1);
    expect(await inspectResetLink(deps, expiring)).toBe('expired');
    deps.clock.advance(1);
    expect(await pruneOneTimeLinks(deps)).toBe(1);
    expect(await inspectResetLink(deps, expiring)).toBe('not_found');
    // pending@'s link expired less than 7 days ago: it stays.
    const left = await t.db.select({ kind: oneTimeLinks.kind }).from(oneTimeLinks);
    expect(left).toEqual([{ kind: 'activation' }]);
  });
});

describe('pruneOutbox', () => {
  const mail = (to: string) =>
    enqueueEmail(
      t.db,
      {
        to,
        template: 'password-changed',
        locale: 'fr',
        props: { loginUrl: 'https://portal.test/fr', forgotPasswordUrl: 'https://portal.test/fr' },
      },
      { now: deps.now },
    );

  it('deletes sent and failed mail after 30 days and never pending mail', async () => {
    await mail('sent@example.ca');
    expect((await deliverPending(t.db, { transport: sink(), now: deps.now })).sent).toBe(1);
    await mail('failed@example.ca');
    await t.db
      .update(emailOutbox)
      .set({ status: 'failed' })
      .where(eq(emailOutbox.toAddress, 'failed@example.ca'));
    await mail('pending@example.ca');
    await t.db
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(deps.now().getTime() + 365 * DAY) })
      .where(eq(emailOutbox.toAddress, 'pending@example.ca'));

    deps.clock.advance(OUTBOX_RETENTION_MS);
    expect(await pruneOutbox(deps)).toBe(0);
    deps.clock.advance(1);
    expect(await pruneOutbox(deps)).toBe(2);
    const left = await t.db
      .select({ to: emailOutbox.toAddress, status: emailOutbox.status })
      .from(emailOutbox);
    expect(left).toEqual([{ to: 'pending@example.ca', status: 'pending' }]);
  });
});

describe('runScheduledJobs', () => {
  it('delivers due mail, then prunes every table that grows', async () => {
    await activatedAccount(deps, 'jobs@example.ca');
    await hitRateLimit(t.db, {
      key: rateLimitKey('reset-ip', '192.0.2.1'),
      ...LIMITS.resetPerIp,
      now: deps.now(),
    });
    await recordLoginFailure(t.db, loginThrottleKey('jobs@example.ca'), deps.now());
    const transport = sink();
    const first = await runScheduledJobs(deps, { transport });
    expect(first.failed).toEqual([]);
    expect(first.outbox).toEqual({ sent: transport.sent, failed: 0, retried: 0 });
    expect(transport.sent).toBeGreaterThan(0);

    deps.clock.advance(OUTBOX_RETENTION_MS + 1);
    const later = await runScheduledJobs(deps, { transport: null });
    expect(later.outbox).toBeNull();
    expect(later.failed).toEqual([]);
    expect(later.pruned.rateLimits).toBeGreaterThan(0);
    expect(later.pruned).toMatchObject({ loginThrottles: 1, oneTimeLinks: 1 });
    expect(later.pruned.outbox).toBe(transport.sent);
    expect(await t.db.select().from(rateLimits)).toEqual([]);
  });
});
