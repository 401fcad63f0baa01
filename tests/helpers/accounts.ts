import { and, eq, type SQL } from 'drizzle-orm';
import { activateAccount } from '@/lib/accounts/activate-account';
import { createAccount } from '@/lib/accounts/create-account';
import type { Deps } from '@/lib/deps';
import type { OneTimeLinkKind } from '@/lib/accounts/one-time-link';
import { emailOutbox, oneTimeLinks, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { decryptPayload } from '@/lib/email/payload-crypto';
import type { Locale } from '@/lib/i18n/routing';
import { fakeClock } from './db';

export const GOOD_PASSWORD = 'violet tambour quinze nuages';

export function testDeps(db: Db, clock = fakeClock()): Deps & { clock: typeof clock } {
  return { db, now: clock.now, appUrl: 'https://portal.test', clock };
}

/** The stored one-time links of one kind (and `where`), as tests read the table. */
export function linksOf(db: Db, kind: OneTimeLinkKind, where?: SQL) {
  return db
    .select()
    .from(oneTimeLinks)
    .where(and(eq(oneTimeLinks.kind, kind), where));
}

let ipCounter = 0;
/** A fresh client address per call, so per-IP limits only bite where a test means them to. */
export function nextIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter % 250}-${ipCounter}`;
}

export async function register(
  deps: Deps,
  email: string,
  opts: { password?: string; locale?: Locale; ip?: string } = {},
) {
  return createAccount(deps, {
    email,
    password: opts.password ?? GOOD_PASSWORD,
    locale: opts.locale ?? 'fr',
    termsVersion: '2026-11-01',
    ip: opts.ip ?? nextIp(),
  });
}

/** Queued mails, newest last, with their decrypted props (what the email would contain). */
export async function outbox(db: Db) {
  const rows = await db.select().from(emailOutbox).orderBy(emailOutbox.createdAt);
  return rows.map((row) => ({
    ...row,
    props: row.payload
      ? (decryptPayload(row.payload, `${row.id}\n${row.toAddress}`) as Record<string, unknown>)
      : null,
  }));
}

/** The token of the newest activation link queued for an address. */
export async function latestActivationToken(db: Db, email: string): Promise<string> {
  const mails = (await outbox(db)).filter(
    (m) => m.toAddress === email && m.template === 'activation',
  );
  const url = String(mails.at(-1)?.props?.activationUrl ?? '');
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`no activation link for ${email}`);
  return token;
}

export async function userByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

/** The token of the newest password reset link queued for an address. */
export async function latestResetToken(db: Db, email: string): Promise<string> {
  const mails = (await outbox(db)).filter(
    (m) => m.toAddress === email && m.template === 'password-reset',
  );
  const url = String(mails.at(-1)?.props?.resetUrl ?? '');
  const token = url ? new URL(url).searchParams.get('token') : null;
  if (!token) throw new Error(`no reset link for ${email}`);
  return token;
}

/** Registers and activates an account, as its owner would from the activation email. */
export async function activatedAccount(
  deps: Deps,
  email: string,
  opts: { password?: string; locale?: Locale } = {},
): Promise<void> {
  const password = opts.password ?? GOOD_PASSWORD;
  await register(deps, email, { password, locale: opts.locale });
  const token = await latestActivationToken(deps.db, email);
  const result = await activateAccount(deps, { token, password, ip: nextIp() });
  if (result.status !== 'activated') throw new Error(`could not activate ${email}`);
}
