import { decode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/auth/config';
import {
  IDLE_TIMEOUT_SECONDS,
  IDLE_WARNING_SECONDS,
  sessionAge,
  sessionCookieWithActivity,
  shouldRecordActivity,
} from '@/lib/auth/session-policy';
import { authSecrets } from '@/lib/security/secrets';

const T0 = 1_795_000_000;
const MIN = 60;
const HOUR = 60 * MIN;

describe('session lifetime', () => {
  it('SES-02: a session idle for 30 minutes is over; one active 10 minutes ago is not', () => {
    expect(IDLE_TIMEOUT_SECONDS).toBe(30 * MIN);
    expect(IDLE_WARNING_SECONDS).toBe(2 * MIN);
    const token = { authTime: T0, seen: T0 + 2 * HOUR };
    expect(sessionAge(token, T0 + 2 * HOUR + 10 * MIN)).toBe('fresh');
    expect(sessionAge(token, T0 + 2 * HOUR + 30 * MIN - 1)).toBe('fresh');
    expect(sessionAge(token, T0 + 2 * HOUR + 31 * MIN)).toBe('idle');
    // A token from before `seen` existed counts from its sign-in.
    expect(sessionAge({ authTime: T0 }, T0 + 31 * MIN)).toBe('idle');
  });

  it('SES-03: 12 hours after sign-in the session is over, however active it was', () => {
    const active = (now: number) => ({ authTime: T0, seen: now - 10 * MIN });
    expect(sessionAge(active(T0 + 12 * HOUR - 1), T0 + 12 * HOUR - 1)).toBe('fresh');
    expect(sessionAge(active(T0 + 12 * HOUR + 1), T0 + 12 * HOUR + 1)).toBe('expired');
    expect(sessionAge({}, T0)).toBe('expired');
  });

  it('re-issues the cookie at most once a minute of activity', () => {
    expect(shouldRecordActivity({ authTime: T0, seen: T0 }, T0 + 59)).toBe(false);
    expect(shouldRecordActivity({ authTime: T0, seen: T0 }, T0 + 60)).toBe(true);
  });

  it('SES-03: the re-issued cookie keeps its claims and its 12-hour end', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = {
      sub: 'u1',
      sv: 3,
      authTime: now - HOUR,
      seen: now - 5 * MIN,
      reg: 'registered' as const,
    };
    const cookie = await sessionCookieWithActivity(token, now);
    expect(cookie.name).toBe(SESSION_COOKIE);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
    expect(cookie.options.expires.getTime()).toBe((now - HOUR + 12 * HOUR) * 1000);
    const decoded = await decode({
      token: cookie.value,
      secret: authSecrets(),
      salt: SESSION_COOKIE,
    });
    expect(decoded).toMatchObject({
      sub: 'u1',
      sv: 3,
      authTime: now - HOUR,
      seen: now,
      reg: 'registered',
    });
    // Auth.js computes exp from its own clock: the same second, or the next if one just ticked.
    expect(decoded!.exp).toBeGreaterThanOrEqual(now - HOUR + 12 * HOUR);
    expect(decoded!.exp).toBeLessThanOrEqual(now - HOUR + 12 * HOUR + 1);
  });
});
