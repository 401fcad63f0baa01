import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { clientRecords, users } from '@/lib/db/schema';
import { nowSeconds } from '@/lib/auth/session-policy';
import { createTestDb, type TestDb } from '../helpers/db';
import { testDeps } from '../helpers/accounts';
import { activeUser, registeredUser } from '../helpers/registration';

let t: TestDb;
const statements: string[] = [];

vi.mock('@/lib/db/client', () => ({ getDb: async () => t.db }));
vi.mock('next/headers', async () => (await import('../helpers/next-request')).nextHeadersMock);

const { sessionUser } = await import('@/lib/auth/session');

beforeEach(async () => {
  t = await createTestDb({ onQuery: (sql) => statements.push(sql) });
});
afterEach(() => t.close());

async function tokenFor(userId: string) {
  const [row] = await t.db
    .select({ sv: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  const now = nowSeconds();
  return { sub: userId, sv: row!.sv, authTime: now, seen: now };
}

/**
 * The session is read on every signed-in request; the registered area's gate (AUTHZ-01) needs the
 * registration too. One statement gives both, so "Mes demandes" and an application page cost the
 * session plus their own data (bench/RESULTS.md).
 */
describe('the session read', () => {
  it('AUTHZ-01 reads the person and their registration with its client number in one statement', async () => {
    const deps = testDeps(t.db);
    const userId = await registeredUser(deps, 'session-read@example.ca');
    const token = await tokenFor(userId);
    statements.length = 0;
    const user = await sessionUser(token);
    expect(statements).toHaveLength(1);
    expect(user).toMatchObject({
      id: userId,
      email: 'session-read@example.ca',
      registration: expect.objectContaining({ userId, clientRecordChoice: 'skipped' }),
    });
    expect(user?.registration).toHaveProperty('clientNumber', null);
  });

  it('AUTHZ-01 brings the linked client number along', async () => {
    const deps = testDeps(t.db);
    const userId = await registeredUser(deps, 'linked@example.ca');
    const now = new Date();
    await t.db.insert(clientRecords).values({
      clientNumber: 'C-000042',
      firstName: 'Jean',
      lastName: 'Tremblay',
      pinHash: 'not-a-pin',
      pinIssuedAt: now,
      pinExpiresAt: now,
      linkedUserId: userId,
      linkedAt: now,
    });
    const user = await sessionUser(await tokenFor(userId));
    expect(user?.registration?.clientNumber).toBe('C-000042');
  });

  it('AUTHZ-01 gives a person who never registered a null registration, still one statement', async () => {
    const deps = testDeps(t.db);
    const userId = await activeUser(deps, 'not-registered@example.ca');
    const token = await tokenFor(userId);
    statements.length = 0;
    expect(await sessionUser(token)).toMatchObject({ id: userId, registration: null });
    expect(statements).toHaveLength(1);
  });
});
