import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { rateLimits } from '@/lib/db/schema';
import { GET, POST } from '@/app/api/cron/scheduled-jobs/route';
import { createTestDb, type TestDb } from '../helpers/db';

// The route's database is a test PGlite, never the folder of a development server.
const held = vi.hoisted(() => ({ t: undefined as TestDb | undefined }));
vi.mock('@/lib/deps', () => ({
  runtimeDeps: async () => ({
    db: held.t!.db,
    now: () => new Date(),
    appUrl: 'https://portal.test',
  }),
}));

const request = (authorization?: string) =>
  new Request('http://localhost/api/cron/scheduled-jobs', {
    headers: authorization ? { authorization } : {},
  });

describe('GET/POST /api/cron/scheduled-jobs', () => {
  beforeAll(async () => {
    held.t = await createTestDb();
  });
  afterAll(() => held.t?.close());
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

  it('runs the jobs with the right token: reports that SMTP is not configured, and prunes', async () => {
    vi.stubEnv('CRON_SECRET', 'cron-secret-value');
    vi.stubEnv('SMTP_URL', '');
    // The orphan sweep lists the store: an empty one of its own, never .data/uploads.
    const uploads = await mkdtemp(path.join(os.tmpdir(), 'cron-route-'));
    onTestFinished(() => rm(uploads, { recursive: true, force: true }));
    vi.stubEnv('STORAGE_DRIVER', 'fs');
    vi.stubEnv('UPLOADS_DIR', uploads);
    await held.t!.db.insert(rateLimits).values({
      key: 'register-ip:old',
      count: 3,
      windowStart: new Date(Date.now() - 2 * 60 * 60_000),
    });
    const response = await GET(request('Bearer cron-secret-value'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      smtpConfigured: false,
      sent: 0,
      failed: 0,
      retried: 0,
      payments: { paid: 0, expired: 0 },
      pruned: { rateLimits: 1, loginThrottles: 0, oneTimeLinks: 0, outbox: 0, orphanObjects: 0 },
    });
    expect(await held.t!.db.select().from(rateLimits)).toEqual([]);
  });
});
