import { describe, expect, it } from 'vitest';
import {
  UNAVAILABLE_RETRY_SECONDS,
  databaseRecentlyUnavailable,
  isDatabaseUnavailableError,
  markDatabaseUnavailable,
} from '@/lib/db/availability';

describe('database availability (ERR-01)', () => {
  it('ERR-01: recognizes an unreachable database, and only that', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    expect(isDatabaseUnavailableError(refused)).toBe(true);
    expect(isDatabaseUnavailableError(new Error('Failed query', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(
      isDatabaseUnavailableError(Object.assign(new Error('held'), { name: 'DatabaseLockedError' })),
    ).toBe(true);
    expect(isDatabaseUnavailableError(new AggregateError([refused]))).toBe(true);
    // A query that fails on its own is not an outage.
    expect(isDatabaseUnavailableError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(
      false,
    );
    expect(isDatabaseUnavailableError(new Error('Failed query: select 1'))).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
  });

  it('ERR-01: answers "unavailable" for a few seconds after a failure, then lets a request try', () => {
    const now = 1_000_000;
    markDatabaseUnavailable(now);
    expect(databaseRecentlyUnavailable(now + 1)).toBe(true);
    expect(databaseRecentlyUnavailable(now + UNAVAILABLE_RETRY_SECONDS * 1000 - 1)).toBe(true);
    expect(databaseRecentlyUnavailable(now + UNAVAILABLE_RETRY_SECONDS * 1000)).toBe(false);
  });
});
