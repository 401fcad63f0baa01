import { describe, expect, it } from 'vitest';
import { activateAccount, inspectActivationLink } from '@/lib/accounts/activate-account';
import { authenticate } from '@/lib/accounts/authenticate';
import { countRegistrationAttempt } from '@/lib/accounts/create-account';
import { endSessions } from '@/lib/accounts/end-sessions';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { resendActivation } from '@/lib/accounts/resend-activation';
import { resetPassword } from '@/lib/accounts/reset-password';
import { emailOutbox, users } from '@/lib/db/schema';
import type { TestDb } from '../helpers/db';
import { withFreshDatabase } from '../helpers/fresh-database';
import {
  GOOD_PASSWORD,
  latestActivationToken,
  latestResetToken,
  nextIp,
  outbox,
  register,
  testDeps,
  userByEmail,
  linksOf,
} from '../helpers/accounts';

const HOUR = 3_600_000;

let t: TestDb;
let deps: ReturnType<typeof testDeps>;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

async function activeAccount(email: string, password = GOOD_PASSWORD) {
  await register(deps, email, { password });
  const token = await latestActivationToken(t.db, email);
  const result = await activateAccount(deps, { token, password, ip: nextIp() });
  expect(result.status).toBe('activated');
}

describe('createAccount', () => {
  it('REG-02, ACT-02: creates a pending account with the terms version and time, and queues a French activation email with a 48 h link', async () => {
    expect(await register(deps, 'jean@example.ca')).toBe('ok');
    const user = await userByEmail(t.db, 'jean@example.ca');
    expect(user).toMatchObject({ status: 'pending', locale: 'fr', termsVersion: '2026-11-01' });
    expect(user?.acceptedTermsAt).toEqual(deps.now());
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({
      toAddress: 'jean@example.ca',
      template: 'activation',
      locale: 'fr',
    });
    expect(mail?.props?.activationUrl).toMatch(
      /^https:\/\/portal\.test\/fr\/activer\?token=[\w-]{43}$/,
    );
    const [token] = await linksOf(t.db, 'activation');
    expect(token!.expiresAt.getTime() - deps.now().getTime()).toBe(48 * HOUR);
  });

  it('I18N-02: writes the English email for a registration made in English', async () => {
    await register(deps, 'anne@example.ca', { locale: 'en' });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ locale: 'en' });
    expect(mail?.props?.activationUrl).toMatch(/^https:\/\/portal\.test\/en\/activate\?token=/);
  });

  it('REG-03: normalizes the address, so " A@Ex.CA " and "a@ex.ca" are one account', async () => {
    await register(deps, ' A@Ex.CA ');
    await register(deps, 'a@ex.ca');
    expect(await t.db.select().from(users)).toHaveLength(1);
    expect((await userByEmail(t.db, 'a@ex.ca'))?.email).toBe('a@ex.ca');
  });

  it('REG-01: answers the same for an existing account and mails its owner instead', async () => {
    await activeAccount('owner@example.ca');
    const before = (await outbox(t.db)).length;
    expect(
      await register(deps, 'owner@example.ca', { password: 'another long passphrase here' }),
    ).toBe('ok');
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => m.template)).toEqual(['account-exists']);
    expect(mails[0]?.props).toMatchObject({
      loginUrl: 'https://portal.test/fr/connexion',
      forgotPasswordUrl: 'https://portal.test/fr/mot-de-passe-oublie',
    });
    // The existing password still works; nothing about the account changed.
    const login = await authenticate(deps, {
      email: 'owner@example.ca',
      password: GOOD_PASSWORD,
      ip: nextIp(),
    });
    expect(login.status).toBe('ok');
  });

  it('REG-01, ACT-04: sends a pending account a new activation email and retires the old link', async () => {
    await register(deps, 'pending@example.ca');
    const first = await latestActivationToken(t.db, 'pending@example.ca');
    await register(deps, 'pending@example.ca');
    const second = await latestActivationToken(t.db, 'pending@example.ca');
    expect(second).not.toBe(first);
    expect(await inspectActivationLink(deps, first)).toBe('superseded');
    expect(await inspectActivationLink(deps, second)).toBe('valid');
  });

  it('REG-01: a repeat registration of a pending address keeps the owner’s password and gets the same answer', async () => {
    const STRANGER = 'le mot de passe d’un autre';
    expect(await register(deps, 'mine@example.ca')).toBe('ok');
    const before = await userByEmail(t.db, 'mine@example.ca');
    expect(await register(deps, 'mine@example.ca', { password: STRANGER })).toBe('ok');
    // The address's 5 mails an hour spent: still nothing changes, silently or not.
    for (let i = 0; i < 5; i++) {
      expect(await register(deps, 'mine@example.ca', { password: STRANGER })).toBe('ok');
    }
    const after = await userByEmail(t.db, 'mine@example.ca');
    expect(after).toMatchObject({
      passwordHash: before!.passwordHash,
      termsVersion: before!.termsVersion,
      acceptedTermsAt: before!.acceptedTermsAt,
      status: 'pending',
    });

    // The link sent again tells the owner the account did not change, and how to choose a new
    // password if the first one is forgotten.
    const mails = (await outbox(t.db)).filter((m) => m.toAddress === 'mine@example.ca');
    expect(mails.map((m) => m.template)).toEqual(Array(5).fill('activation'));
    expect(mails[0]!.props).not.toHaveProperty('repeated');
    expect(mails[1]!.props).toMatchObject({
      repeated: true,
      forgotPasswordUrl: 'https://portal.test/fr/mot-de-passe-oublie',
    });

    const token = await latestActivationToken(t.db, 'mine@example.ca');
    expect((await activateAccount(deps, { token, password: STRANGER, ip: nextIp() })).status).toBe(
      'invalid_password',
    );
    expect(
      (await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() })).status,
    ).toBe('activated');
  });

  it('the owner of a pending account who forgot the first password activates it by choosing a new one', async () => {
    await register(deps, 'forgetful@example.ca');
    await register(deps, 'forgetful@example.ca', { password: 'un mot de passe tout neuf' });
    await requestPasswordReset(deps, { email: 'forgetful@example.ca', locale: 'fr', ip: nextIp() });
    const reset = await resetPassword(deps, {
      token: await latestResetToken(t.db, 'forgetful@example.ca'),
      password: 'un mot de passe tout neuf',
      ip: nextIp(),
    });
    expect(reset).toBe('reset');
    expect((await userByEmail(t.db, 'forgetful@example.ca'))?.status).toBe('active');
    const login = await authenticate(deps, {
      email: 'forgetful@example.ca',
      password: 'un mot de passe tout neuf',
      ip: nextIp(),
    });
    expect(login.status).toBe('ok');
  });

  it('REG-04: sends at most 5 activation emails per address per hour, the same for new and existing', async () => {
    for (let i = 0; i < 6; i++) expect(await register(deps, 'flood@example.ca')).toBe('ok');
    expect((await outbox(t.db)).filter((m) => m.toAddress === 'flood@example.ca')).toHaveLength(5);
    deps.clock.advance(HOUR + 1);
    await register(deps, 'flood@example.ca');
    expect((await outbox(t.db)).filter((m) => m.toAddress === 'flood@example.ca')).toHaveLength(6);
  });

  it('REG-05: refuses a 21st registration from one address within a minute', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 20; i++) {
      expect(await register(deps, `r${i}@example.ca`, { ip })).toBe('ok');
    }
    expect(await register(deps, 'r20@example.ca', { ip })).toBe('rate_limited');
    expect(await userByEmail(t.db, 'r20@example.ca')).toBeUndefined();
  });

  it('REG-05: counts refused forms against the same per-address budget', async () => {
    const ip = '198.51.100.8';
    for (let i = 0; i < 20; i++) expect(await countRegistrationAttempt(deps, ip)).toBe(true);
    expect(await countRegistrationAttempt(deps, ip)).toBe(false);
    expect(await register(deps, 'late@example.ca', { ip })).toBe('rate_limited');
  });

  it('ACT-01: stores only the SHA-256 of tokens and no link in clear', async () => {
    await register(deps, 'secret@example.ca');
    const token = await latestActivationToken(t.db, 'secret@example.ca');
    const dump = JSON.stringify({
      tokens: await linksOf(t.db, 'activation'),
      outbox: await t.db.select().from(emailOutbox),
      users: await t.db.select().from(users),
    });
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(GOOD_PASSWORD);
    expect(token.length).toBeGreaterThanOrEqual(22);
  });
});

describe('activation', () => {
  it('CSRF-03: only reads on GET: inspecting a link changes nothing', async () => {
    await register(deps, 'scan@example.ca');
    const token = await latestActivationToken(t.db, 'scan@example.ca');
    for (let i = 0; i < 3; i++) expect(await inspectActivationLink(deps, token)).toBe('valid');
    expect((await userByEmail(t.db, 'scan@example.ca'))?.status).toBe('pending');
  });

  it('ACT-03: activates with the password chosen, once', async () => {
    await register(deps, 'once@example.ca');
    const token = await latestActivationToken(t.db, 'once@example.ca');
    const result = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
    expect(result).toMatchObject({ status: 'activated', email: 'once@example.ca' });
    expect((await userByEmail(t.db, 'once@example.ca'))?.status).toBe('active');
    const replay = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
    expect(replay.status).toBe('used');
    expect(await inspectActivationLink(deps, token)).toBe('used');
  });

  it('refuses a wrong password and leaves the account pending', async () => {
    await register(deps, 'wrong@example.ca');
    const token = await latestActivationToken(t.db, 'wrong@example.ca');
    const result = await activateAccount(deps, {
      token,
      password: 'not the right passphrase',
      ip: nextIp(),
    });
    expect(result.status).toBe('invalid_password');
    expect((await userByEmail(t.db, 'wrong@example.ca'))?.status).toBe('pending');
    expect(await inspectActivationLink(deps, token)).toBe('valid');
  });

  it('ACT-02: expires after 48 hours and keeps the account inactive', async () => {
    await register(deps, 'late@example.ca');
    const token = await latestActivationToken(t.db, 'late@example.ca');
    deps.clock.advance(48 * HOUR - 1000);
    expect(await inspectActivationLink(deps, token)).toBe('valid');
    deps.clock.advance(1001);
    expect(await inspectActivationLink(deps, token)).toBe('expired');
    const result = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
    expect(result.status).toBe('expired');
    expect((await userByEmail(t.db, 'late@example.ca'))?.status).toBe('pending');
  });

  it('ACT-04: kills the old link on resend; the new one works and lives 48 h from its own issue', async () => {
    await register(deps, 'resend@example.ca');
    const old = await latestActivationToken(t.db, 'resend@example.ca');
    deps.clock.advance(HOUR);
    expect(
      await resendActivation(deps, { email: 'resend@example.ca', locale: 'en', ip: nextIp() }),
    ).toBe('ok');
    const fresh = await latestActivationToken(t.db, 'resend@example.ca');
    expect(
      (await activateAccount(deps, { token: old, password: GOOD_PASSWORD, ip: nextIp() })).status,
    ).toBe('superseded');
    deps.clock.advance(47 * HOUR);
    expect(
      (await activateAccount(deps, { token: fresh, password: GOOD_PASSWORD, ip: nextIp() })).status,
    ).toBe('activated');
  });

  it('answers resend the same for unknown and active addresses, sending nothing', async () => {
    await activeAccount('active@example.ca');
    const before = (await outbox(t.db)).length;
    expect(
      await resendActivation(deps, { email: 'active@example.ca', locale: 'fr', ip: nextIp() }),
    ).toBe('ok');
    expect(
      await resendActivation(deps, { email: 'nobody@example.ca', locale: 'fr', ip: nextIp() }),
    ).toBe('ok');
    expect((await outbox(t.db)).length).toBe(before);
  });

  it('says an unknown or tampered link is not found', async () => {
    expect(await inspectActivationLink(deps, '')).toBe('not_found');
    expect(await inspectActivationLink(deps, 'x'.repeat(43))).toBe('not_found');
    expect(await inspectActivationLink(deps, 'x'.repeat(5000))).toBe('not_found');
  });

  it('ACT-05: shares the failure counter with sign-in: 5 wrong passwords on the link lock sign-in too', async () => {
    await register(deps, 'shared@example.ca');
    const token = await latestActivationToken(t.db, 'shared@example.ca');
    for (let i = 0; i < 5; i++) {
      await activateAccount(deps, {
        token,
        password: `wrong passphrase number ${i}`,
        ip: nextIp(),
      });
    }
    // Even the right password is refused on the link while locked…
    expect(
      (await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() })).status,
    ).toBe('invalid_password');
    // …and sign-in with the right password gives the generic answer, not "activate first".
    expect(
      (
        await authenticate(deps, {
          email: 'shared@example.ca',
          password: GOOD_PASSWORD,
          ip: nextIp(),
        })
      ).status,
    ).toBe('invalid');
  });
});

describe('authenticate', () => {
  it('signs in an active account', async () => {
    await activeAccount('ok@example.ca');
    const result = await authenticate(deps, {
      email: ' OK@example.ca ',
      password: GOOD_PASSWORD,
      ip: nextIp(),
    });
    expect(result).toMatchObject({ status: 'ok', sessionVersion: 1 });
  });

  it('ACT-06: tells a pending account with the right password to activate, and a wrong password nothing', async () => {
    await register(deps, 'inactive@example.ca');
    expect(
      (
        await authenticate(deps, {
          email: 'inactive@example.ca',
          password: GOOD_PASSWORD,
          ip: nextIp(),
        })
      ).status,
    ).toBe('not_activated');
    expect(
      (
        await authenticate(deps, {
          email: 'inactive@example.ca',
          password: 'wrong passphrase here',
          ip: nextIp(),
        })
      ).status,
    ).toBe('invalid');
  });

  it('LOG-01: gives one answer for unknown email, wrong password and locked account', async () => {
    await activeAccount('known@example.ca');
    const unknown = await authenticate(deps, {
      email: 'ghost@example.ca',
      password: GOOD_PASSWORD,
      ip: nextIp(),
    });
    const wrong = await authenticate(deps, {
      email: 'known@example.ca',
      password: 'wrong passphrase here',
      ip: nextIp(),
    });
    for (let i = 0; i < 5; i++) {
      await authenticate(deps, {
        email: 'known@example.ca',
        password: `wrong passphrase ${i}`,
        ip: nextIp(),
      });
    }
    const locked = await authenticate(deps, {
      email: 'known@example.ca',
      password: GOOD_PASSWORD,
      ip: nextIp(),
    });
    expect([unknown, wrong, locked]).toEqual([
      { status: 'invalid' },
      { status: 'invalid' },
      { status: 'invalid' },
    ]);
  });

  it('LOG-03: locks for 15 minutes after 5 failures, for existing and unknown emails alike', async () => {
    await activeAccount('lock@example.ca');
    for (const email of ['lock@example.ca', 'ghost@example.ca']) {
      for (let i = 0; i < 5; i++) {
        await authenticate(deps, { email, password: `wrong passphrase ${i}`, ip: nextIp() });
      }
    }
    expect(
      (
        await authenticate(deps, {
          email: 'lock@example.ca',
          password: GOOD_PASSWORD,
          ip: nextIp(),
        })
      ).status,
    ).toBe('invalid');
    deps.clock.advance(15 * 60_000 + 1000);
    expect(
      (
        await authenticate(deps, {
          email: 'lock@example.ca',
          password: GOOD_PASSWORD,
          ip: nextIp(),
        })
      ).status,
    ).toBe('ok');
  });

  it('LOG-03: forgets failures after a success: 4 wrong, 1 right, 4 wrong is not locked', async () => {
    await activeAccount('reset@example.ca');
    const attempt = (password: string) =>
      authenticate(deps, { email: 'reset@example.ca', password, ip: nextIp() });
    for (let i = 0; i < 4; i++) await attempt(`wrong passphrase ${i}`);
    expect((await attempt(GOOD_PASSWORD)).status).toBe('ok');
    for (let i = 0; i < 4; i++) await attempt(`wrong passphrase ${i}`);
    expect((await attempt(GOOD_PASSWORD)).status).toBe('ok');
  });

  it('PWD-05: treats Unicode exactly: NFD form works, a missing character or flipped case does not', async () => {
    const password = 'Mot de passe été ✓✓ 2025';
    await activeAccount('unicode@example.ca', password);
    const attempt = (p: string) =>
      authenticate(deps, { email: 'unicode@example.ca', password: p, ip: nextIp() });
    expect((await attempt(password.normalize('NFD'))).status).toBe('ok');
    expect((await attempt(password.slice(0, -1))).status).toBe('invalid');
    expect((await attempt('mOT DE PASSE ÉTÉ ✓✓ 2025')).status).toBe('invalid');
  });

  it('PWD-02, PWD-07: accepts 64- and 128-character passwords exactly', async () => {
    const long = 'a long passphrase '.repeat(8).slice(0, 128);
    await activeAccount('long@example.ca', long);
    expect(
      (await authenticate(deps, { email: 'long@example.ca', password: long, ip: nextIp() })).status,
    ).toBe('ok');
    const changed = long.slice(0, 99) + (long[99] === 'x' ? 'y' : 'x') + long.slice(100);
    expect(
      (await authenticate(deps, { email: 'long@example.ca', password: changed, ip: nextIp() }))
        .status,
    ).toBe('invalid');
  });
});

describe('endSessions', () => {
  it('SES-04: bumps the session version so earlier tokens stop matching', async () => {
    await activeAccount('bye@example.ca');
    const user = await userByEmail(t.db, 'bye@example.ca');
    await endSessions(t.db, user!.id);
    expect((await userByEmail(t.db, 'bye@example.ca'))?.sessionVersion).toBe(2);
  });
});
