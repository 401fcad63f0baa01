import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rateLimits } from '@/lib/db/schema';
import { LIMITS, hitRateLimit, pruneRateLimits, rateLimitKey } from '@/lib/security/rate-limit';
import { createTestDb, fakeClock, type TestDb } from '../../helpers/db';

const perIp = LIMITS.registerPerIp;

describe('hitRateLimit', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.close());

  it('REG-05: allows 20 hits in a minute and refuses the 21st', async () => {
    const clock = fakeClock();
    const key = rateLimitKey('register-ip', '203.0.113.7');
    for (let i = 1; i <= 20; i++) {
      const r = await hitRateLimit(t.db, { key, ...perIp, now: clock.now() });
      expect(r).toEqual({ allowed: true, count: i, retryAfterMs: 0 });
      clock.advance(1000);
    }
    const refused = await hitRateLimit(t.db, { key, ...perIp, now: clock.now() });
    expect(refused.allowed).toBe(false);
    expect(refused.count).toBe(21);
    expect(refused.retryAfterMs).toBe(60_000 - 20_000);
  });

  it('allows again once the window has passed, starting the count over', async () => {
    const clock = fakeClock();
    const key = rateLimitKey('register-ip', '203.0.113.7');
    for (let i = 0; i < 21; i++) await hitRateLimit(t.db, { key, ...perIp, now: clock.now() });
    clock.advance(59_999);
    expect((await hitRateLimit(t.db, { key, ...perIp, now: clock.now() })).allowed).toBe(false);
    clock.advance(1);
    expect(await hitRateLimit(t.db, { key, ...perIp, now: clock.now() })).toEqual({
      allowed: true,
      count: 1,
      retryAfterMs: 0,
    });
  });

  it('allows exactly the limit out of 30 concurrent hits', async () => {
    const now = fakeClock().now();
    const key = rateLimitKey('login-ip', '203.0.113.7');
    const results = await Promise.all(
      Array.from({ length: 30 }, () => hitRateLimit(t.db, { key, ...LIMITS.loginPerIp, now })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('counts keys separately', async () => {
    const now = fakeClock().now();
    const a = rateLimitKey('activation-mail', 'a@ex.ca');
    const b = rateLimitKey('activation-mail', 'b@ex.ca');
    const limit = LIMITS.activationEmailsPerAddress;
    for (let i = 0; i < 5; i++) await hitRateLimit(t.db, { key: a, ...limit, now });
    expect((await hitRateLimit(t.db, { key: a, ...limit, now })).allowed).toBe(false);
    expect((await hitRateLimit(t.db, { key: b, ...limit, now })).allowed).toBe(true);
  });

  it('stores only hashed identifiers', async () => {
    await hitRateLimit(t.db, {
      key: rateLimitKey('activation-mail', 'jean.tremblay@ex.ca'),
      ...LIMITS.activationEmailsPerAddress,
      now: fakeClock().now(),
    });
    const rows = await t.db.select().from(rateLimits);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).toMatch(/^activation-mail:[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('tremblay');
  });

  it('prunes counters whose window ended long ago and keeps current ones', async () => {
    const clock = fakeClock();
    await hitRateLimit(t.db, { key: 'old', ...perIp, now: clock.now() });
    clock.advance(2 * 3_600_000);
    await hitRateLimit(t.db, { key: 'new', ...perIp, now: clock.now() });
    expect(await pruneRateLimits({ db: t.db, now: clock.now })).toBe(1);
    expect((await t.db.select().from(rateLimits)).map((r) => r.key)).toEqual(['new']);
  });
});

describe('rateLimitKey', () => {
  it('puts the kind in clear and hashes the identifier', () => {
    expect(rateLimitKey('register-ip', '203.0.113.7')).toMatch(/^register-ip:[0-9a-f]{64}$/);
    expect(rateLimitKey('register-ip', '203.0.113.7')).not.toContain('203.0.113.7');
  });

  it('counts IPv6 addresses of one /64 as one client', () => {
    expect(rateLimitKey('login-ip', '2001:db8:1:2::1')).toBe(
      rateLimitKey('login-ip', '2001:db8:1:2::ffff'),
    );
    expect(rateLimitKey('login-ip', '2001:db8:1:2::1')).not.toBe(
      rateLimitKey('login-ip', '2001:db8:1:3::1'),
    );
  });
});

describe('LIMITS', () => {
  it('holds the product limits', () => {
    expect(LIMITS.registerPerIp).toEqual({ limit: 20, windowMs: 60_000 });
    expect(LIMITS.activationEmailsPerAddress).toEqual({ limit: 5, windowMs: 3_600_000 });
    expect(LIMITS.loginPerIp).toEqual({ limit: 20, windowMs: 60_000 });
  });
});
