import { afterEach, beforeEach } from 'vitest';
import { testDeps } from './accounts';
import { createTestDb, type TestDb } from './db';

/**
 * A fresh database and its dependencies for each test of the file: `onEach` receives them before
 * each test, and the database closes after it.
 */
export function withFreshDatabase(onEach: (t: TestDb, deps: ReturnType<typeof testDeps>) => void) {
  let current: TestDb | undefined;
  beforeEach(async () => {
    current = await createTestDb();
    onEach(current, testDeps(current.db));
  });
  afterEach(() => current?.close());
}
