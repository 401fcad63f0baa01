import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/lib/db/schema';
import { createTestDb, type TestDb } from '../helpers/db';

describe('test database snapshot', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());

  it('starts migrated and empty', async () => {
    expect(await t.db.select().from(users)).toEqual([]);
  });
});
