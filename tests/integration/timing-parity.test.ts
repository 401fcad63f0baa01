import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/accounts/authenticate';
import { createTestDb, type TestDb } from '../helpers/db';
import { activatedAccount, nextIp, testDeps } from '../helpers/accounts';

const TRIALS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('sign-in timing', () => {
  let t: TestDb;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    t = await createTestDb();
    deps = testDeps(t.db);
    await activatedAccount(deps, 'known@example.ca');
  });
  afterAll(() => t.close());

  it('LOG-02: an unknown email costs the same as a wrong password (median within 50 ms)', async () => {
    const time = async (email: string, i: number) => {
      const start = performance.now();
      const result = await authenticate(deps, {
        email,
        password: `a wrong passphrase ${i}`,
        ip: nextIp(),
      });
      expect(result.status).toBe('invalid');
      return performance.now() - start;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, and never 5 failures in a row on one key (that would lock it and skip the hash).
    for (let i = 0; i < TRIALS; i++) {
      unknown.push(await time(`ghost${i}@example.ca`, i));
      wrong.push(await time('known@example.ca', i));
      if (i % 4 === 3) deps.clock.advance(16 * 60_000);
    }
    // Both paths run one argon2id verification: the difference is noise, not a hash.
    expect(Math.abs(median(unknown) - median(wrong))).toBeLessThan(50);
    expect(median(unknown)).toBeGreaterThan(5);
  });
});
