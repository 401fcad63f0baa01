import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The serverless host's schedule lives in the repository (vercel.json): every scheduled path must
 * be a route of the app that refuses a call without the scheduler's secret, and the README's
 * deploy section must name it, so a job cannot be scheduled into a 404 or left open.
 */
const root = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'vercel.json'), 'utf8')) as {
  crons?: { path: string; schedule: string }[];
};
const crons = config.crons ?? [];
// Five fields: minute, hour, day of month, month, day of week.
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

describe('the host schedule (vercel.json)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('schedules the jobs route every 5 minutes, as the README says', () => {
    expect(crons).toContainEqual({ path: '/api/cron/scheduled-jobs', schedule: '*/5 * * * *' });
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const cron of crons) expect(readme).toContain(cron.path);
  });

  for (const cron of crons) {
    it(`${cron.path}: a valid schedule, a route of the app, refused without the secret`, async () => {
      const fields = cron.schedule.split(' ');
      expect(fields).toHaveLength(5);
      for (const field of fields) expect(field).toMatch(CRON_FIELD);

      const file = path.join(root, 'app', cron.path, 'route.ts');
      expect(fs.existsSync(file), `${file} exists`).toBe(true);
      const route = (await import(file)) as Record<string, (r: Request) => Promise<Response>>;
      // Vercel Cron calls with GET.
      expect(typeof route.GET).toBe('function');
      vi.stubEnv('CRON_SECRET', 'the-scheduler-secret-value');
      for (const authorization of [undefined, 'Bearer wrong-secret-value']) {
        const request = new Request(`http://localhost${cron.path}`, {
          headers: authorization ? { authorization } : {},
        });
        expect((await route.GET!(request)).status).toBe(401);
      }
    });
  }
});
