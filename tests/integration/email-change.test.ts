import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { changePassword } from '@/lib/accounts/change-password';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { inspectResetLink, resetPassword } from '@/lib/accounts/reset-password';
import {
  confirmEmailChange,
  inspectEmailChangeLink,
  readEmailChangeLink,
} from '@/lib/accounts/confirm-email-change';
import {
  emailChangeSchema,
  maskEmail,
  requestEmailChange,
} from '@/lib/accounts/request-email-change';
import type { Db } from '@/lib/db/types';
import { oneTimeLinks, securityEvents } from '@/lib/db/schema';
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
const HOUR = 60 * MINUTE;
const NEW_PASSWORD = 'quatre chevaux bleus sous la neige';

let t: TestDb;
let deps: ReturnType<typeof testDeps>;

withFreshDatabase((db, d) => {
  t = db;
  deps = d;
});

async function idOf(email: string): Promise<string> {
  const user = await userByEmail(t.db, email);
  if (!user) throw new Error(`no account ${email}`);
  return user.id;
}

const ask = async (
  email: string,
  newEmail: string,
  opts: { password?: string; ip?: string } = {},
) =>
  requestEmailChange(deps, {
    userId: await idOf(email),
    currentPassword: opts.password ?? GOOD_PASSWORD,
    newEmail,
    ip: opts.ip ?? nextIp(),
  });

const confirm = (token: string) => confirmEmailChange(deps, { token, ip: nextIp() });

const signIn = (email: string, password = GOOD_PASSWORD) =>
  authenticate(deps, { email, password, ip: nextIp() });

/** The token of the newest confirmation link queued for an address. */
async function latestConfirmToken(db: Db, email: string): Promise<string> {
  const mails = (await outbox(db)).filter(
    (m) => m.toAddress === email && m.template === 'email-change-confirm',
  );
  const url = String(mails.at(-1)?.props?.confirmUrl ?? '');
  const token = url ? new URL(url).searchParams.get('token') : null;
  if (!token) throw new Error(`no confirmation link for ${email}`);
  return token;
}

async function events(type: string) {
  return t.db.select().from(securityEvents).where(eq(securityEvents.type, type));
}

describe('emailChangeSchema', () => {
  const valid = {
    newEmail: 'Nouveau@Example.ca ',
    newEmailConfirm: 'nouveau@example.ca',
    currentPassword: GOOD_PASSWORD,
  };

  it('SES-07: refuses the form without the current password', () => {
    const parsed = emailChangeSchema.safeParse({ ...valid, currentPassword: '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['currentPassword', 'SettingsEmailPage.currentPassword.errors.required'],
    ]);
  });

  it('REG-03: checks the new address and its confirmation on the server', () => {
    expect(emailChangeSchema.safeParse(valid).success).toBe(true);
    const parsed = emailChangeSchema.safeParse({
      newEmail: 'a@b.c\r\nBcc: x@y.ca',
      newEmailConfirm: 'other@example.ca',
      currentPassword: 'x'.repeat(1025),
    });
    expect(parsed.error!.issues.map((i) => i.message)).toEqual([
      'SettingsEmailPage.newEmail.errors.invalid',
      'SettingsEmailPage.newEmailConfirm.errors.mismatch',
      'SettingsEmailPage.currentPassword.errors.invalid',
    ]);
  });
});

describe('maskEmail', () => {
  it('keeps the first character of the mailbox and the domain', () => {
    expect(maskEmail('jean.tremblay@example.ca')).toBe('j•••@example.ca');
    expect(maskEmail('élise@exemple.ca')).toBe('é•••@exemple.ca');
  });
});

describe('requestEmailChange', () => {
  it('SES-07: refuses a wrong current password, counts it as a sign-in failure and sends nothing', async () => {
    await activatedAccount(deps, 'owner@example.ca');
    const before = (await outbox(t.db)).length;
    for (let i = 0; i < 5; i++) {
      expect(await ask('owner@example.ca', 'new@example.ca', { password: `wrong ${i}` })).toBe(
        'invalid_password',
      );
    }
    // Five failures lock the account, here as at sign-in (LOG-03): even the right password.
    expect(await ask('owner@example.ca', 'new@example.ca')).toBe('invalid_password');
    expect((await signIn('owner@example.ca')).status).toBe('invalid');
    expect((await outbox(t.db)).slice(before)).toEqual([]);
    expect(await linksOf(t.db, 'email_change')).toEqual([]);
    expect((await userByEmail(t.db, 'owner@example.ca'))!.email).toBe('owner@example.ca');

    deps.clock.advance(15 * MINUTE);
    expect(await ask('owner@example.ca', 'new@example.ca')).toBe('sent');
  });

  it('I18N-02: mails the link to the new address and a notice to the old one, in the account’s language', async () => {
    await activatedAccount(deps, 'anglo@example.ca', { locale: 'en' });
    const before = (await outbox(t.db)).length;
    expect(await ask('anglo@example.ca', ' Nora.Smith@Example.CA ')).toBe('sent');
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => [m.toAddress, m.template, m.locale]).sort()).toEqual([
      ['anglo@example.ca', 'email-change-notice', 'en'],
      ['nora.smith@example.ca', 'email-change-confirm', 'en'],
    ]);
    const link = mails.find((m) => m.template === 'email-change-confirm')!;
    expect(String(link.props!.confirmUrl)).toMatch(
      /^https:\/\/portal\.test\/en\/confirm-email\?token=[\w-]{43}$/,
    );
    expect(link.props!.expiresInHours).toBe(48);
    const notice = mails.find((m) => m.template === 'email-change-notice')!;
    expect(notice.props).toEqual({
      newEmailMasked: 'n•••@example.ca',
      expiresInHours: 48,
      forgotPasswordUrl: 'https://portal.test/en/forgot-password',
    });
  });

  it('refuses the account’s own address, whatever its case', async () => {
    await activatedAccount(deps, 'same@example.ca');
    const before = (await outbox(t.db)).length;
    expect(await ask('same@example.ca', 'SAME@example.ca')).toBe('same_email');
    expect((await outbox(t.db)).slice(before)).toEqual([]);
  });

  it('stores only the SHA-256 of the token, with the normalized new address', async () => {
    await activatedAccount(deps, 'hash@example.ca');
    await ask('hash@example.ca', 'Hashed@Example.ca');
    const token = await latestConfirmToken(t.db, 'hashed@example.ca');
    const rows = await linksOf(t.db, 'email_change');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.newEmail).toBe('hashed@example.ca');
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(48 * HOUR);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers the same for an address another account uses, but sends it nothing', async () => {
    await activatedAccount(deps, 'mover@example.ca');
    await activatedAccount(deps, 'taken@example.ca');
    const before = (await outbox(t.db)).length;
    expect(await ask('mover@example.ca', 'taken@example.ca')).toBe('sent');
    const mails = (await outbox(t.db)).slice(before);
    expect(mails.map((m) => [m.toAddress, m.template])).toEqual([
      ['mover@example.ca', 'email-change-notice'],
    ]);
    expect(await linksOf(t.db, 'email_change')).toEqual([]);
    const [event] = await events('email_change_requested');
    expect(event!.detail).toEqual({ outcome: 'address_taken' });
  });

  it('sends at most 5 links an hour to one new address, whichever accounts ask', async () => {
    await activatedAccount(deps, 'a@example.ca');
    await activatedAccount(deps, 'b@example.ca');
    for (let i = 0; i < 3; i++) expect(await ask('a@example.ca', 'target@example.ca')).toBe('sent');
    for (let i = 0; i < 2; i++) expect(await ask('b@example.ca', 'target@example.ca')).toBe('sent');
    const before = (await outbox(t.db)).length;
    expect(await ask('b@example.ca', 'target@example.ca')).toBe('rate_limited');
    expect((await outbox(t.db)).slice(before)).toEqual([]);
    const links = (await outbox(t.db)).filter((m) => m.toAddress === 'target@example.ca');
    expect(links).toHaveLength(5);
    deps.clock.advance(HOUR);
    expect(await ask('b@example.ca', 'target@example.ca')).toBe('sent');
  });

  it('sends at most 5 notices an hour to the old address, whatever the new addresses', async () => {
    await activatedAccount(deps, 'noisy@example.ca');
    for (let i = 0; i < 5; i++)
      expect(await ask('noisy@example.ca', `n${i}@example.ca`)).toBe('sent');
    expect(await ask('noisy@example.ca', 'n5@example.ca')).toBe('rate_limited');
    const notices = (await outbox(t.db)).filter((m) => m.template === 'email-change-notice');
    expect(notices).toHaveLength(5);
  });

  it('LOG-04: shares the per-IP sign-in budget: a 21st attempt within a minute is refused', async () => {
    await activatedAccount(deps, 'ip@example.ca');
    const ip = '198.51.100.9';
    for (let i = 0; i < 20; i++) {
      await authenticate(deps, { email: `x${i}@example.ca`, password: 'x', ip });
    }
    expect(await ask('ip@example.ca', 'new@example.ca', { ip })).toBe('rate_limited');
  });

  it('LOGG-01: logs the request with hashed identifiers only, never the token or an address', async () => {
    await activatedAccount(deps, 'log@example.ca');
    await ask('log@example.ca', 'logged@example.ca', { password: 'not the password' });
    await ask('log@example.ca', 'logged@example.ca');
    const token = await latestConfirmToken(t.db, 'logged@example.ca');
    const failed = await events('email_change_failed');
    expect(failed.map((r) => r.detail)).toEqual([{ reason: 'wrong_password' }]);
    const rows = [...failed, ...(await events('email_change_requested'))];
    expect(rows.at(-1)!.detail).toEqual({ outcome: 'sent' });
    const text = JSON.stringify(rows);
    for (const secret of [token, 'log@example.ca', 'logged@example.ca', GOOD_PASSWORD]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('confirmEmailChange', () => {
  it('CSRF-03: inspecting a link changes nothing; only the POST uses it', async () => {
    await activatedAccount(deps, 'get@example.ca');
    await ask('get@example.ca', 'got@example.ca');
    const token = await latestConfirmToken(t.db, 'got@example.ca');
    expect(await inspectEmailChangeLink(deps, token)).toBe('valid');
    expect(await readEmailChangeLink(deps, token)).toEqual({
      state: 'valid',
      newEmail: 'got@example.ca',
    });
    expect(await inspectEmailChangeLink(deps, token)).toBe('valid');
    expect((await linksOf(t.db, 'email_change'))[0]!.usedAt).toBeNull();
    expect(await userByEmail(t.db, 'get@example.ca')).toBeDefined();
  });

  it('changes the address only when the link is used, and keeps the sessions', async () => {
    await activatedAccount(deps, 'old@example.ca');
    const before = await userByEmail(t.db, 'old@example.ca');
    await ask('old@example.ca', 'fresh@example.ca');
    expect((await signIn('old@example.ca')).status).toBe('ok');
    expect((await signIn('fresh@example.ca')).status).toBe('invalid');

    expect(await confirm(await latestConfirmToken(t.db, 'fresh@example.ca'))).toBe('changed');
    const after = await userByEmail(t.db, 'fresh@example.ca');
    expect(after!.id).toBe(before!.id);
    // The password did not change: a session opened before stays valid.
    expect(after!.sessionVersion).toBe(before!.sessionVersion);
    expect(await userByEmail(t.db, 'old@example.ca')).toBeUndefined();
    expect((await signIn('fresh@example.ca')).status).toBe('ok');
    expect((await signIn('old@example.ca')).status).toBe('invalid');
    const [event] = await events('email_changed');
    expect(event!.userId).toBe(before!.id);
    expect(JSON.stringify(event)).not.toContain('fresh@example.ca');
  });

  it('a link expires 48 hours after it is sent', async () => {
    await activatedAccount(deps, 'late@example.ca');
    await ask('late@example.ca', 'later@example.ca');
    const token = await latestConfirmToken(t.db, 'later@example.ca');
    deps.clock.advance(48 * HOUR - 1000);
    expect(await inspectEmailChangeLink(deps, token)).toBe('valid');
    deps.clock.advance(2000);
    expect(await inspectEmailChangeLink(deps, token)).toBe('expired');
    expect(await confirm(token)).toBe('expired');
    expect(await userByEmail(t.db, 'late@example.ca')).toBeDefined();
  });

  it('a link works once; the second use says it was used', async () => {
    await activatedAccount(deps, 'once@example.ca');
    await ask('once@example.ca', 'twice@example.ca');
    const token = await latestConfirmToken(t.db, 'twice@example.ca');
    expect(await confirm(token)).toBe('changed');
    expect(await confirm(token)).toBe('used');
    expect(await inspectEmailChangeLink(deps, token)).toBe('used');
    expect(await events('email_changed')).toHaveLength(1);
  });

  it('a newer request retires the earlier link', async () => {
    await activatedAccount(deps, 'undecided@example.ca');
    await ask('undecided@example.ca', 'first@example.ca');
    const first = await latestConfirmToken(t.db, 'first@example.ca');
    await ask('undecided@example.ca', 'second@example.ca');
    const second = await latestConfirmToken(t.db, 'second@example.ca');
    expect(await confirm(first)).toBe('superseded');
    expect(await confirm(second)).toBe('changed');
    expect(await userByEmail(t.db, 'second@example.ca')).toBeDefined();
  });

  it('RST-04: a password reset or change retires a pending address change', async () => {
    await activatedAccount(deps, 'victim@example.ca');
    await ask('victim@example.ca', 'attacker@example.ca');
    const byReset = await latestConfirmToken(t.db, 'attacker@example.ca');
    await requestPasswordReset(deps, { email: 'victim@example.ca', locale: 'fr', ip: nextIp() });
    expect(
      await resetPassword(deps, {
        token: await latestResetToken(t.db, 'victim@example.ca'),
        password: NEW_PASSWORD,
        ip: nextIp(),
      }),
    ).toBe('reset');
    expect(await confirm(byReset)).toBe('superseded');

    await ask('victim@example.ca', 'attacker@example.ca', { password: NEW_PASSWORD });
    const byChange = await latestConfirmToken(t.db, 'attacker@example.ca');
    expect(
      await changePassword(deps, {
        userId: await idOf('victim@example.ca'),
        currentPassword: NEW_PASSWORD,
        newPassword: 'cinq tortues vertes dans le lac',
        ip: nextIp(),
      }),
    ).toBe('changed');
    expect(await confirm(byChange)).toBe('superseded');
    expect((await userByEmail(t.db, 'victim@example.ca'))!.email).toBe('victim@example.ca');
  });

  it('RST-02: confirming a new address retires the account’s unused reset links; the old link then fails', async () => {
    await activatedAccount(deps, 'moving@example.ca');
    // A reset link sent to the old mailbox, then the address changes.
    await requestPasswordReset(deps, { email: 'moving@example.ca', locale: 'fr', ip: nextIp() });
    const resetToken = await latestResetToken(t.db, 'moving@example.ca');
    await ask('moving@example.ca', 'moved@example.ca');
    expect(await confirm(await latestConfirmToken(t.db, 'moved@example.ca'))).toBe('changed');

    // Whoever reads the old mailbox cannot set the password of the moved account.
    expect(await inspectResetLink(deps, resetToken)).toBe('superseded');
    expect(
      await resetPassword(deps, { token: resetToken, password: NEW_PASSWORD, ip: nextIp() }),
    ).toBe('superseded');
    expect((await signIn('moved@example.ca', NEW_PASSWORD)).status).toBe('invalid');
    expect((await signIn('moved@example.ca')).status).toBe('ok');
  });

  it('using one link retires the account’s other links', async () => {
    await activatedAccount(deps, 'other@example.ca');
    await ask('other@example.ca', 'one@example.ca');
    await ask('other@example.ca', 'two@example.ca');
    // A link of the same account not yet retired (as a race would leave it).
    await t.db
      .update(oneTimeLinks)
      .set({ supersededAt: null })
      .where(eq(oneTimeLinks.kind, 'email_change'));
    expect(await confirm(await latestConfirmToken(t.db, 'two@example.ca'))).toBe('changed');
    const rows = await linksOf(t.db, 'email_change');
    expect(rows.every((r) => r.usedAt || r.supersededAt)).toBe(true);
    expect(await confirm(await latestConfirmToken(t.db, 'one@example.ca'))).toBe('superseded');
  });

  it('says "taken" when another account took the address meanwhile, and changes nothing', async () => {
    await activatedAccount(deps, 'slow@example.ca');
    await ask('slow@example.ca', 'contested@example.ca');
    const token = await latestConfirmToken(t.db, 'contested@example.ca');
    // Someone registers the address before the link is used (the unique constraint decides).
    await register(deps, 'contested@example.ca');
    expect(await confirm(token)).toBe('taken');
    expect((await userByEmail(t.db, 'slow@example.ca'))!.email).toBe('slow@example.ca');
    expect((await userByEmail(t.db, 'contested@example.ca'))!.status).toBe('pending');
    expect(await inspectEmailChangeLink(deps, token)).toBe('valid');
    expect(await events('email_changed')).toEqual([]);
  });

  it('two concurrent uses of one link: exactly one changes the address', async () => {
    await activatedAccount(deps, 'race@example.ca');
    await ask('race@example.ca', 'raced@example.ca');
    const token = await latestConfirmToken(t.db, 'raced@example.ca');
    const results = await Promise.all([confirm(token), confirm(token)]);
    expect([...results].sort()).toEqual(['changed', 'used']);
    expect(await events('email_changed')).toHaveLength(1);
  });

  it('says an unknown or tampered link is not found', async () => {
    expect(await inspectEmailChangeLink(deps, 'x'.repeat(43))).toBe('not_found');
    expect(await inspectEmailChangeLink(deps, '')).toBe('not_found');
    expect(await inspectEmailChangeLink(deps, 'y'.repeat(5000))).toBe('not_found');
    expect(await confirm('z'.repeat(43))).toBe('not_found');
  });
});
