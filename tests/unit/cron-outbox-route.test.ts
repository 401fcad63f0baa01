import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/api/cron/outbox/route';

const request = (authorization?: string) =>
  new Request('http://localhost/api/cron/outbox', {
    headers: authorization ? { authorization } : {},
  });

describe('GET/POST /api/cron/outbox', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('answers 503 when CRON_SECRET is not configured', async () => {
    vi.stubEnv('CRON_SECRET', '');
    const response = await GET(request('Bearer anything'));
    expect(response.status).toBe(503);
  });

  it('answers 401 without the right bearer token', async () => {
    vi.stubEnv('CRON_SECRET', 'cron-secret-value');
    for (const header of [
      undefined,
      'Bearer wrong',
      'cron-secret-value',
      'Bearer cron-secret-valu',
    ]) {
      const response = await POST(request(header));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized' });
    }
  });

  it('runs the drain with the right token and reports that SMTP is not configured', async () => {
    vi.stubEnv('CRON_SECRET', 'cron-secret-value');
    vi.stubEnv('SMTP_URL', '');
    const response = await GET(request('Bearer cron-secret-value'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      smtpConfigured: false,
      sent: 0,
      failed: 0,
      retried: 0,
    });
  });
});
