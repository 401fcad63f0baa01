import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { listApplications } from '@/lib/applications/list-applications';
import { loadApplication } from '@/lib/applications/load-application';
import { submitApplication } from '@/lib/applications/submit-application';
import { widgetCounts } from '@/lib/dashboard/widget-counts';
import { localizedPath } from '@/lib/i18n/navigation';
import { registrationLanding } from '@/lib/registration/landing-path';
import { skipClientRecord } from '@/lib/registration/skip-client-record';
import { createTestDb, type TestDb } from '../helpers/db';
import { GOOD_PASSWORD, nextIp, register, testDeps } from '../helpers/accounts';
import { DECLARATION, fillPermit } from '../helpers/applications';
import { activeUser, consentedUser, registeredUser } from '../helpers/registration';

/**
 * The statements the hot paths send (bench/RESULTS.md counts them per request under load; on a
 * serverless database each one is a round trip). A new statement on these paths must be a choice.
 */
let t: TestDb;
let statements: string[];
let deps: ReturnType<typeof testDeps>;

beforeEach(async () => {
  statements = [];
  t = await createTestDb({ onQuery: (sql) => statements.push(sql.replace(/\s+/g, ' ')) });
  deps = testDeps(t.db);
});
afterEach(() => t.close());

/** The statements `run` sends, as "verb table". */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await run();
  return statements.map((sql) => {
    const m =
      /^(insert) into "(\w+)"/.exec(sql) ??
      /^(update) "(\w+)"/.exec(sql) ??
      /^(delete) from "(\w+)"/.exec(sql);
    if (m) return `${m[1]} ${m[2]}`;
    // A select names every table it reads: "select users+building_registrations".
    const tables = [...sql.matchAll(/(?:from|join) "(\w+)"/g)].map((t) => t[1]);
    return sql.startsWith('select') ? `select ${tables.join('+')}` : sql.slice(0, 40);
  });
}

describe('SQL statements on the hot paths', () => {
  it('a sign-in sends 3 statements: the failure counter and the account are read in one', async () => {
    const userId = await consentedUser(deps, 'inscrit@example.ca');
    await skipClientRecord(deps, userId);
    const sent = await statementsOf(async () => {
      const result = await authenticate(deps, {
        email: 'inscrit@example.ca',
        password: GOOD_PASSWORD,
        ip: nextIp(),
      });
      expect(result).toMatchObject({ status: 'ok', userId });
    });
    expect(sent).toEqual([
      'insert rate_limits',
      'select login_throttles+users',
      'insert security_events',
    ]);
  });

  it('a sign-in after a failure also clears the failure count (4 statements)', async () => {
    await activeUser(deps, 'oubli@example.ca');
    const wrong = await authenticate(deps, {
      email: 'oubli@example.ca',
      password: 'pas le bon mot de passe',
      ip: nextIp(),
    });
    expect(wrong.status).toBe('invalid');
    const sent = await statementsOf(async () => {
      const result = await authenticate(deps, {
        email: 'oubli@example.ca',
        password: GOOD_PASSWORD,
        ip: nextIp(),
      });
      expect(result).toMatchObject({ status: 'ok' });
    });
    expect(sent).toEqual([
      'insert rate_limits',
      'select login_throttles+users',
      'delete login_throttles',
      'insert security_events',
    ]);
  });

  it('a sign-in landing in Building Code Services reads the registration step: one statement more', async () => {
    const userId = await consentedUser(deps, 'etape@example.ca');
    const home = localizedPath('/building-code-services', 'fr');
    const dashboard = localizedPath('/dashboard', 'fr');
    let landing = '';
    const sent = await statementsOf(async () => {
      landing = await registrationLanding(t.db, userId, home, 'fr');
    });
    // Consent given, client record not chosen yet: the step due, not the home.
    expect(landing).toBe(localizedPath('/building-code-services/register/client-record', 'fr'));
    expect(sent).toEqual(['select building_registrations']);
    await skipClientRecord(deps, userId);
    expect(await registrationLanding(t.db, userId, `${home}?x=1`, 'fr')).toBe(`${home}?x=1`);
    // Any other page: nothing to read.
    expect(await statementsOf(() => registrationLanding(t.db, userId, dashboard, 'fr'))).toEqual(
      [],
    );
  });

  it('creating an account for a new address sends 6 statements', async () => {
    const sent = await statementsOf(async () => {
      expect(await register(deps, 'nouveau@example.ca')).toBe('ok');
    });
    expect(sent).toEqual([
      'insert rate_limits',
      'insert users',
      'insert rate_limits',
      'insert one_time_links',
      'insert email_outbox',
      'insert security_events',
    ]);
  });

  it('a repeated sign-up of a pending address still retires the earlier link (ACT-04)', async () => {
    await register(deps, 'encore@example.ca');
    const sent = await statementsOf(() => register(deps, 'encore@example.ca'));
    expect(sent).toContain('update one_time_links');
    expect(sent).toContain('select users');
    expect(sent).toContain('insert users');
  });

  it('the dashboard: the building widget’s count of applications needing action is one statement, none without a registration', async () => {
    // The session's read (1 statement, lib/auth/session.ts) is the dashboard's other one: 2 in
    // all for a registered resident (the bench's budget), 1 for anyone else.
    const userId = await registeredUser(deps, 'tableau@example.ca');
    const reference = await fillPermit(deps, userId);
    await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    let counts: unknown;
    const sent = await statementsOf(async () => {
      counts = await widgetCounts(t.db, { id: userId, registration: {} });
    });
    expect(counts).toEqual({ action: 1 });
    expect(sent).toEqual(['select applications']);
    const unregistered = await activeUser(deps, 'sans-inscription@example.ca');
    expect(
      await statementsOf(() => widgetCounts(t.db, { id: unregistered, registration: null })),
    ).toEqual([]);
  });

  it('"Mes demandes" and an application’s page read "Action requise" within their one statement', async () => {
    const userId = await registeredUser(deps, 'demandes@example.ca');
    const reference = await fillPermit(deps, userId);
    await submitApplication(deps, { userId, reference, declaration: DECLARATION });
    let list: Awaited<ReturnType<typeof listApplications>> = [];
    expect(
      await statementsOf(async () => {
        list = await listApplications(t.db, userId);
      }),
    ).toEqual(['select applications']);
    expect(list.map((a) => a.action)).toEqual(['pay']);
    let page: Awaited<ReturnType<typeof loadApplication>> = null;
    expect(
      await statementsOf(async () => {
        page = await loadApplication(t.db, userId, reference);
      }),
    ).toEqual(['select applications']);
    expect(page!.actionRequired).toBe('pay');
  });
});
