/**
 * Seeds the accounts the scenarios use, in its own process (run with tsx by bench/run.ts) and
 * BEFORE the server starts: the embedded database may be opened by one process only, and this
 * process exits (closing it) before `next start` opens it.
 *
 *   tsx bench/seed.ts OUT.json      (env: PGLITE_DIR, or DATABASE_URL + NEON_WS_PROXY; AUTH_SECRET)
 *
 * Accounts go through the portal's own functions (create, activate from the emailed token,
 * consent, skip the client record), as a person would, and so do the registered account's
 * applications. The other residents' applications (BENCH_OTHER_APPLICATIONS, 100,000 unless
 * set) are written in bulk by SQL: bench/seed-applications.ts.
 */
import fs from 'node:fs';
import { eq, and } from 'drizzle-orm';
import { activateAccount } from '@/lib/accounts/activate-account';
import { createAccount } from '@/lib/accounts/create-account';
import type { Deps } from '@/lib/deps';
import { createNeonDb, getDb, migrateDatabase, type Db } from '@/lib/db/client';
import { emailOutbox, staffMembers, users } from '@/lib/db/schema';
import { decryptPayload } from '@/lib/email/payload-crypto';
import { giveConsent } from '@/lib/registration/give-consent';
import { profileSchema } from '@/lib/registration/profile-schema';
import { skipClientRecord } from '@/lib/registration/skip-client-record';
import { createStaffMember } from '@/lib/staff/create-staff-member';
import { createStaffSession } from '@/lib/staff/staff-session';
import { newTotpSecret, sealTotpSecret } from '@/lib/staff/totp';
import fr from '@/messages/fr.json';
import { resetPostgres } from '@/tests/helpers/postgres';
import { BENCH_PASSWORD, LOGIN_USERS, OTHER_APPLICATIONS, ipGenerator } from './config';
import { seedOtherApplications, seedResidentApplications } from './seed-applications';
import { PROFILE } from '../tests/helpers/registration';

export interface SeededUsers {
  password: string;
  /** Active accounts for the sign-in scenarios. */
  login: string[];
  /** An active account, for the dashboard. */
  dashboard: string;
  /** An active account registered for Building Code Services (consent given, no client record). */
  registered: string;
  /** The reference of one of `registered`'s applications: submitted, a version, eight events. */
  application: string;
  /**
   * A full staff session's token (both factors given) of an examiner, for the work queue: made
   * at seeding, it lives 15 minutes without a request (STF-03), so the queue's scenario runs
   * early; each of its requests keeps it alive.
   */
  staffToken: string;
  /** Applications of other residents in the database, and the seconds their bulk insert took. */
  otherApplications: { count: number; residents: number; seconds: number };
}

const nextIp = ipGenerator();

async function activationToken(db: Db, email: string): Promise<string> {
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.template, 'activation')))
    .orderBy(emailOutbox.createdAt);
  const row = rows.at(-1);
  if (!row?.payload) throw new Error(`no activation email for ${email}`);
  const props = decryptPayload(row.payload, `${row.id}\n${row.toAddress}`) as {
    activationUrl?: string;
  };
  const token = new URL(String(props.activationUrl)).searchParams.get('token');
  if (!token) throw new Error(`no activation token for ${email}`);
  return token;
}

async function activeAccount(deps: Deps, email: string): Promise<string> {
  const created = await createAccount(deps, {
    email,
    password: BENCH_PASSWORD,
    locale: 'fr',
    termsVersion: fr.Terms.version,
    ip: nextIp(),
  });
  if (created !== 'ok') throw new Error(`could not create ${email}: ${created}`);
  const token = await activationToken(deps.db, email);
  const result = await activateAccount(deps, { token, password: BENCH_PASSWORD, ip: nextIp() });
  if (result.status !== 'activated') throw new Error(`could not activate ${email}`);
  return result.userId;
}

/**
 * An examiner created by the staff command's domain function, enrolled as the set-up page would
 * leave them (a password and a confirmed TOTP secret), and a full session as a sign-in with both
 * factors opens: the token for the staff cookie.
 */
async function staffSession(deps: Deps): Promise<string> {
  const created = await createStaffMember(deps, {
    email: 'bench.examiner@ottawa.ca',
    name: 'Agent Banc',
    role: 'examiner',
  });
  if (created.status !== 'created') throw new Error(`staff member: ${created.status}`);
  const [hashed] = await deps.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, 'bench.dashboard@example.ca'));
  const now = deps.now();
  await deps.db
    .update(staffMembers)
    .set({
      passwordHash: hashed!.passwordHash,
      totpSecret: sealTotpSecret(newTotpSecret(), created.id),
      totpEnrolledAt: now,
    })
    .where(eq(staffMembers.id, created.id));
  const { token } = await createStaffSession(deps.db, { staffId: created.id, stage: 'full', now });
  return token;
}

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx bench/seed.ts OUT.json');
  const url = process.env.DATABASE_URL;
  let db: Db;
  let close: () => Promise<void>;
  if (url) {
    await resetPostgres(url);
    const neon = await createNeonDb(url, { max: 2 });
    await migrateDatabase(neon.db, { neon: true });
    db = neon.db;
    close = neon.close;
  } else {
    db = await getDb();
    // The drizzle instance holds its PGlite client: close it so every write is on disk.
    close = () => (db as unknown as { $client: { close(): Promise<void> } }).$client.close();
  }
  const deps: Deps = {
    db,
    now: () => new Date(),
    appUrl: process.env.APP_URL ?? 'http://127.0.0.1',
  };
  const login = Array.from({ length: LOGIN_USERS }, (_, i) => `bench.login${i}@example.ca`);
  const dashboard = 'bench.dashboard@example.ca';
  const registered = 'bench.registered@example.ca';
  for (const email of [...login, dashboard]) await activeAccount(deps, email);
  const userId = await activeAccount(deps, registered);
  const profile = profileSchema.parse(PROFILE);
  const consent = await giveConsent(deps, { userId, locale: 'fr', profile });
  if (consent.status !== 'ok') throw new Error('consent refused');
  if ((await skipClientRecord(deps, userId)) !== 'ok') throw new Error('could not skip');

  // Other residents' applications first: the bench resident's then take the next references.
  const count = Number(process.env.BENCH_OTHER_APPLICATIONS ?? OTHER_APPLICATIONS);
  const [hashed] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, dashboard));
  const started = performance.now();
  const residents = await seedOtherApplications(db, {
    count,
    now: deps.now(),
    passwordHash: hashed!.passwordHash,
    termsVersion: fr.Terms.version,
  });
  const seconds = (performance.now() - started) / 1000;
  const application = await seedResidentApplications(deps, {
    userId,
    applicant: Object.fromEntries(
      Object.entries(profile).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
  });
  const staffToken = await staffSession(deps);
  await close();
  const seeded: SeededUsers = {
    password: BENCH_PASSWORD,
    login,
    dashboard,
    registered,
    application,
    staffToken,
    otherApplications: { count, residents, seconds },
  };
  fs.writeFileSync(out, JSON.stringify(seeded));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
