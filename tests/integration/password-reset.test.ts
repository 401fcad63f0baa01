import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { inspectResetLink, resetPassword } from '@/lib/accounts/reset-password';
import { oneTimeLinks, securityEvents, users } from '@/lib/db/schema';
import { HARD_LOCK_FAILURES } from '@/lib/security/login-throttle';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';
import {
  GOOD_PASSWORD,
  activatedAccount,
  latestResetToken,
  nextIp,
  outbox,
  register,
  testDeps,
  userByEmail,
  linksOf,
} from '../helpers/accounts';

const MINUTE = 60_000;
const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';

let t: TestDb;
let deps: ReturnType<typeof testDeps>;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

const ask = (email: string, opts: { locale?: 'fr' | 'en'; ip?: string } = {}) =>
  requestPasswordReset(deps, {
    email,
    locale: opts.locale ?? 'fr',
    ip: opts.ip ?? nextIp(),
  });

const reset = (token: string, password = NEW_PASSWORD) =>
  resetPassword(deps, { token, password, ip: nextIp() });

const signIn = (email: string, password: string) =>
  authenticate(deps, { email, password, ip: nextIp() });

describe('requestPasswordReset', () => {
  it('RST-01: answers the same for a known and an unknown address, and mails each the right template', async () => {
    await activatedAccount(deps, 'known@example.ca');
    const before = (await outbox(t.db)).length;
    expect(await ask('known@example.ca')).toBe('ok');
    expect(await ask('ghost@example.ca', { locale: 'en' })).toBe('ok');
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => [m.toAddress, m.template, m.locale])).toEqual([
      ['known@example.ca', 'password-reset', 'fr'],
      ['ghost@example.ca', 'reset-no-account', 'en'],
    ]);
    expect(mails[1]!.props).toEqual({
      createAccountUrl: 'https://portal.test/en/create-account',
      forgotPasswordUrl: 'https://portal.test/en/forgot-password',
    });
  });

  it('I18N-02: mails the link in the account’s language, whatever the page’s', async () => {
    await activatedAccount(deps, 'anglo@example.ca', { locale: 'en' });
    await ask('ANGLO@example.ca ', { locale: 'fr' });
    const [mail] = (await outbox(t.db)).filter((m) => m.template === 'password-reset');
    expect(mail!.locale).toBe('en');
    expect(String(mail!.props!.resetUrl)).toMatch(
      /^https:\/\/portal\.test\/en\/reset-password\?token=[\w-]{43}$/,
    );
    expect(mail!.props!.expiresInMinutes).toBe(15);
  });

  it('RST-02: stores only the SHA-256 of the token', async () => {
    await activatedAccount(deps, 'hash@example.ca');
    await ask('hash@example.ca');
    const token = await latestResetToken(t.db, 'hash@example.ca');
    const rows = await linksOf(t.db, 'password_reset');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('RST-03: sends at most 5 reset emails per address per hour, known or not, and the page does not change', async () => {
    await activatedAccount(deps, 'flood@example.ca');
    const before = (await outbox(t.db)).length;
    for (let i = 0; i < 6; i++) {
      expect(await ask('flood@example.ca')).toBe('ok');
      expect(await ask('nobody@example.ca')).toBe('ok');
    }
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.filter((m) => m.toAddress === 'flood@example.ca')).toHaveLength(5);
    expect(mails.filter((m) => m.toAddress === 'nobody@example.ca')).toHaveLength(5);
    deps.clock.advance(60 * MINUTE);
    await ask('flood@example.ca');
    expect((await outbox(t.db)).slice(before)).toHaveLength(11);
  });

  it('RST-03: refuses a 21st request from one client address within a minute', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 20; i++) expect(await ask(`p${i}@example.ca`, { ip })).toBe('ok');
    expect(await ask('p21@example.ca', { ip })).toBe('rate_limited');
  });

  it('LOGG-01: logs the request with hashed identifiers only', async () => {
    await activatedAccount(deps, 'log@example.ca');
    await ask('log@example.ca');
    const events = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'reset_requested'));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('log@example.ca');
    expect(events[0]!.detail).toEqual({ known: true, mailQueued: true });
  });
});

describe('resetPassword', () => {
  it('CSRF-03: inspecting a link changes nothing; only the POST uses it', async () => {
    await activatedAccount(deps, 'get@example.ca');
    await ask('get@example.ca');
    const token = await latestResetToken(t.db, 'get@example.ca');
    expect(await inspectResetLink(deps, token)).toBe('valid');
    expect(await inspectResetLink(deps, token)).toBe('valid');
    expect((await linksOf(t.db, 'password_reset'))[0]!.usedAt).toBeNull();
  });

  it('RST-04: sets the new password, ends every session, mails a notice and does not sign in', async () => {
    await activatedAccount(deps, 'reset@example.ca');
    const before = await userByEmail(t.db, 'reset@example.ca');
    await ask('reset@example.ca');
    expect(await reset(await latestResetToken(t.db, 'reset@example.ca'))).toBe('reset');

    const after = await userByEmail(t.db, 'reset@example.ca');
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
    expect((await signIn('reset@example.ca', GOOD_PASSWORD)).status).toBe('invalid');
    expect(await signIn('reset@example.ca', NEW_PASSWORD)).toMatchObject({
      status: 'ok',
      sessionVersion: after!.sessionVersion,
    });
    const notice = (await outbox(t.db)).at(-1)!;
    expect([notice.toAddress, notice.template, notice.locale]).toEqual([
      'reset@example.ca',
      'password-changed',
      'fr',
    ]);
    const events = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.type, 'password_reset'));
    expect(events).toHaveLength(1);
  });

  it('RST-02: a link works once; the second use says it was used', async () => {
    await activatedAccount(deps, 'once@example.ca');
    await ask('once@example.ca');
    const token = await latestResetToken(t.db, 'once@example.ca');
    expect(await reset(token)).toBe('reset');
    expect(await reset(token, 'une autre phrase de passe longue')).toBe('used');
    expect(await inspectResetLink(deps, token)).toBe('used');
    expect((await signIn('once@example.ca', NEW_PASSWORD)).status).toBe('ok');
  });

  it('RST-02: a link expires 15 minutes after it is sent', async () => {
    await activatedAccount(deps, 'late@example.ca');
    await ask('late@example.ca');
    const token = await latestResetToken(t.db, 'late@example.ca');
    deps.clock.advance(15 * MINUTE - 1000);
    expect(await inspectResetLink(deps, token)).toBe('valid');
    deps.clock.advance(2000);
    expect(await inspectResetLink(deps, token)).toBe('expired');
    expect(await reset(token)).toBe('expired');
    expect((await signIn('late@example.ca', GOOD_PASSWORD)).status).toBe('ok');
  });

  it('RST-02: a newer request retires the earlier link', async () => {
    await activatedAccount(deps, 'twice@example.ca');
    await ask('twice@example.ca');
    const first = await latestResetToken(t.db, 'twice@example.ca');
    await ask('twice@example.ca');
    const second = await latestResetToken(t.db, 'twice@example.ca');
    expect(await reset(first)).toBe('superseded');
    expect(await reset(second)).toBe('reset');
  });

  it('RST-02: using one link retires the account’s other links', async () => {
    await activatedAccount(deps, 'other@example.ca');
    await ask('other@example.ca');
    const token = await latestResetToken(t.db, 'other@example.ca');
    // A link issued to the same account but not yet retired (as a race would leave it).
    await t.db
      .update(oneTimeLinks)
      .set({ supersededAt: null })
      .where(eq(oneTimeLinks.kind, 'password_reset'));
    await reset(token);
    const rows = await linksOf(t.db, 'password_reset');
    expect(rows.every((r) => r.usedAt || r.supersededAt)).toBe(true);
  });

  it('says an unknown or tampered link is not found', async () => {
    expect(await inspectResetLink(deps, 'x'.repeat(43))).toBe('not_found');
    expect(await inspectResetLink(deps, '')).toBe('not_found');
    expect(await inspectResetLink(deps, 'y'.repeat(5000))).toBe('not_found');
    expect(await reset('z'.repeat(43))).toBe('not_found');
  });

  it('RST-04, LOG-03: clears the failure counter, opening even a hard lock', async () => {
    await activatedAccount(deps, 'locked@example.ca');
    for (let i = 0; i < HARD_LOCK_FAILURES; i++) {
      await signIn('locked@example.ca', `wrong guess number ${i}`);
      deps.clock.advance(16 * MINUTE);
    }
    expect((await signIn('locked@example.ca', GOOD_PASSWORD)).status).toBe('invalid');
    await ask('locked@example.ca');
    expect(await reset(await latestResetToken(t.db, 'locked@example.ca'))).toBe('reset');
    expect((await signIn('locked@example.ca', NEW_PASSWORD)).status).toBe('ok');
  });

  it('activates a pending account: the link proved the mailbox', async () => {
    await register(deps, 'pending@example.ca');
    await ask('pending@example.ca');
    expect(await reset(await latestResetToken(t.db, 'pending@example.ca'))).toBe('reset');
    const user = await userByEmail(t.db, 'pending@example.ca');
    expect(user!.status).toBe('active');
    expect(user!.activatedAt).not.toBeNull();
    expect((await signIn('pending@example.ca', NEW_PASSWORD)).status).toBe('ok');
  });

  it('two concurrent uses of one link: exactly one resets', async () => {
    await activatedAccount(deps, 'race@example.ca');
    await ask('race@example.ca');
    const token = await latestResetToken(t.db, 'race@example.ca');
    const results = await Promise.all([
      reset(token, NEW_PASSWORD),
      reset(token, 'une autre phrase de passe longue'),
    ]);
    expect(results.filter((r) => r === 'reset')).toHaveLength(1);
    const [user] = await t.db
      .select({ v: users.sessionVersion })
      .from(users)
      .where(eq(users.email, 'race@example.ca'));
    expect(user!.v).toBe(2);
  });
});
