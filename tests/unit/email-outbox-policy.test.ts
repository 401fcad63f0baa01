import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '@/lib/email/outbox';

describe('retryDelayMs', () => {
  it('doubles from one minute and stops at one hour', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});
