import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginThrottles } from '@/lib/db/schema';
import {
  checkLogin,
  clearLoginFailures,
  recordLoginFailure,
  loginThrottleKey,
} from '@/lib/security/login-throttle';
import { createTestDb, fakeClock, type TestDb } from '../../helpers/db';

const MIN = 60_000;

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.close());

const key = loginThrottleKey('jean.tremblay@ex.ca');

async function fail(times: number, now: Date) {
  let state = await checkLogin(t.db, key, now);
  for (let i = 0; i < times; i++) state = await recordLoginFailure(t.db, key, now);
  return state;
}

describe('login throttle (LOG-03)', () => {
  it('is open for a key it has never seen', async () => {
    expect(await checkLogin(t.db, key, fakeClock().now())).toBe('open');
  });

  it('stays open through 4 failures and locks on the 5th', async () => {
    const now = fakeClock().now();
    expect(await fail(4, now)).toBe('open');
    expect(await checkLogin(t.db, key, now)).toBe('open');
    expect(await recordLoginFailure(t.db, key, now)).toBe('locked');
    expect(await checkLogin(t.db, key, now)).toBe('locked');
  });

  it('opens again 15 minutes after the lock, not before', async () => {
    const clock = fakeClock();
    await fail(5, clock.now());
    clock.advance(15 * MIN - 1);
    expect(await checkLogin(t.db, key, clock.now())).toBe('locked');
    clock.advance(1);
    expect(await checkLogin(t.db, key, clock.now())).toBe('open');
  });

  it('locks again on the 10th consecutive failure, after 5 more', async () => {
    const clock = fakeClock();
    await fail(5, clock.now());
    clock.advance(15 * MIN);
    expect(await fail(4, clock.now())).toBe('open');
    expect(await recordLoginFailure(t.db, key, clock.now())).toBe('locked');
  });

  it('does not lock after 4 failures, a success, then 4 failures', async () => {
    const now = fakeClock().now();
    await fail(4, now);
    await clearLoginFailures(t.db, key);
    expect(await fail(4, now)).toBe('open');
    expect(await checkLogin(t.db, key, now)).toBe('open');
  });

  it('LOG-03: hard-locks at 100 consecutive failures, still locked long after', async () => {
    const clock = fakeClock();
    let state = await checkLogin(t.db, key, clock.now());
    for (let i = 1; i <= 100; i++) {
      state = await recordLoginFailure(t.db, key, clock.now());
      if (i < 100 && i % 5 === 0) {
        expect(state).toBe('locked');
        clock.advance(15 * MIN);
      }
    }
    expect(state).toBe('hardLocked');
    clock.advance(15 * MIN);
    expect(await checkLogin(t.db, key, clock.now())).toBe('hardLocked');
    clock.advance(30 * 24 * 60 * MIN);
    expect(await checkLogin(t.db, key, clock.now())).toBe('hardLocked');
  });

  it('is opened by clearLoginFailures (a password reset), even from a hard lock', async () => {
    const now = fakeClock().now();
    await fail(100, now);
    expect(await checkLogin(t.db, key, now)).toBe('hardLocked');
    await clearLoginFailures(t.db, key);
    expect(await checkLogin(t.db, key, now)).toBe('open');
    expect(await t.db.select().from(loginThrottles)).toEqual([]);
  });

  it('counts 10 parallel failures as 10', async () => {
    const now = fakeClock().now();
    const states = await Promise.all(
      Array.from({ length: 10 }, () => recordLoginFailure(t.db, key, now)),
    );
    const [row] = await t.db.select().from(loginThrottles);
    expect(row?.failures).toBe(10);
    expect(states.filter((s) => s === 'locked').length).toBeGreaterThanOrEqual(2);
    expect(await checkLogin(t.db, key, now)).toBe('locked');
  });

  it('keeps keys apart: locking one email leaves another open', async () => {
    const now = fakeClock().now();
    await fail(5, now);
    expect(await checkLogin(t.db, loginThrottleKey('autre@ex.ca'), now)).toBe('open');
  });

  it('stores the hashed key only', async () => {
    await fail(1, fakeClock().now());
    const rows = await t.db.select().from(loginThrottles);
    expect(rows[0]?.key).toBe(key);
    expect(JSON.stringify(rows)).not.toContain('tremblay');
  });
});
