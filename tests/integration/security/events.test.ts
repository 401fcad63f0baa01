import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { securityEvents, users } from '@/lib/db/schema';
import { IP_HASH_PURPOSE, SUBJECT_HASH_PURPOSE, logSecurityEvent } from '@/lib/security/events';
import { hashIdentifier } from '@/lib/security/tokens';
import { createTestDb, fakeClock, type TestDb } from '../../helpers/db';

let t: TestDb;
let info: MockInstance<typeof console.info>;
beforeEach(async () => {
  t = await createTestDb();
  info = vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(async () => {
  info.mockRestore();
  await t.close();
});

function loggedLines(): Record<string, unknown>[] {
  return info.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>);
}

describe('logSecurityEvent (LOGG-01)', () => {
  it('LOGG-01: stores one row with the subject and IP hashed, at the given time', async () => {
    const now = fakeClock().now();
    await logSecurityEvent(t.db, {
      type: 'login_failure',
      subject: 'jean.tremblay@ex.ca',
      ip: '203.0.113.7',
      detail: { failures: 3 },
      now,
    });
    const rows = await t.db.select().from(securityEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'login_failure',
      userId: null,
      subjectHash: hashIdentifier('jean.tremblay@ex.ca', SUBJECT_HASH_PURPOSE),
      ipHash: hashIdentifier('203.0.113.7', IP_HASH_PURPOSE),
      detail: { failures: 3 },
      occurredAt: now,
    });
    expect(JSON.stringify(rows)).not.toMatch(/tremblay|203\.0\.113\.7/);
  });

  it('writes one JSON line to stdout with the same hashed fields and a UTC timestamp', async () => {
    const now = fakeClock().now();
    await logSecurityEvent(t.db, { type: 'register', subject: 'a@ex.ca', ip: '198.51.100.2', now });
    const lines = loggedLines();
    expect(lines).toHaveLength(1);
    const [row] = await t.db.select().from(securityEvents);
    expect(lines[0]).toEqual({
      kind: 'security_event',
      type: 'register',
      userId: null,
      subjectHash: row?.subjectHash,
      ipHash: row?.ipHash,
      detail: null,
      occurredAt: '2026-11-29T12:00:00.000Z',
    });
    expect(String(info.mock.calls[0]?.[0])).not.toMatch(/a@ex\.ca|198\.51\.100\.2/);
  });

  it('links the event to a user when given one', async () => {
    const [user] = await t.db
      .insert(users)
      .values({
        email: 'a@ex.ca',
        passwordHash: 'x',
        locale: 'fr',
        termsVersion: '1',
        acceptedTermsAt: new Date(),
      })
      .returning({ id: users.id });
    await logSecurityEvent(t.db, { type: 'activate', userId: user?.id });
    const [row] = await t.db.select().from(securityEvents);
    expect(row?.userId).toBe(user?.id);
    expect(row?.subjectHash).toBeNull();
    expect(row?.ipHash).toBeNull();
    expect(row?.occurredAt).toBeInstanceOf(Date);
  });

  it('redacts detail keys that look like secrets and cuts long strings', async () => {
    await logSecurityEvent(t.db, {
      type: 'activate_failed',
      detail: {
        reason: 'expired',
        password: 'hunter2hunter2hunter2',
        newPassword: 'hunter3hunter3hunter3',
        activation_token: 'abc',
        pinCode: '1234',
        activationMailQueued: true,
        shipping: 'kept',
        note: 'x'.repeat(500),
      },
    });
    const [row] = await t.db.select().from(securityEvents);
    expect(row?.detail).toMatchObject({
      reason: 'expired',
      password: '[redacted]',
      newPassword: '[redacted]',
      activation_token: '[redacted]',
      pinCode: '[redacted]',
      activationMailQueued: true,
      shipping: 'kept',
    });
    expect(String(row?.detail?.note).length).toBeLessThanOrEqual(201);
    expect(String(info.mock.calls[0]?.[0])).not.toContain('hunter2');
  });

  it('gives one address the same hash in every event, so events can be correlated', async () => {
    await logSecurityEvent(t.db, { type: 'login_failure', subject: 'a@ex.ca' });
    await logSecurityEvent(t.db, { type: 'login_locked', subject: 'a@ex.ca' });
    const rows = await t.db.select().from(securityEvents);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.subjectHash).toBe(rows[1]?.subjectHash);
  });
});
