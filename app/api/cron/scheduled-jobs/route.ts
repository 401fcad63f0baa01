import { createHash, timingSafeEqual } from 'node:crypto';
import { runtimeDeps } from '@/lib/deps';
import { getTransport } from '@/lib/email/transport';
import { runScheduledJobs } from '@/lib/jobs/run-scheduled-jobs';
import { paymentProvider } from '@/lib/payments/runtime';
import { storageFromEnv } from '@/lib/storage/from-env';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'no-store' };

/** Constant-time comparison; hashing first makes both sides the same length. */
function isAuthorized(header: string | null, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
}

/**
 * The scheduled jobs (lib/jobs/run-scheduled-jobs.ts): delivers due outbox mail, so mail that
 * failed after a request is retried, then prunes expired throttles, rate-limit windows, dead
 * one-time links and old settled mail. Called by the host's scheduler every few minutes (e.g.
 * Vercel Cron sends `Authorization: Bearer $CRON_SECRET`); answers 503 without CRON_SECRET.
 */
async function handle(request: Request): Promise<Response> {
  const secret = process.env.CRON_SECRET;
  if (!secret) {
    return Response.json({ error: 'cron_not_configured' }, { status: 503, headers: noStore });
  }
  if (!isAuthorized(request.headers.get('authorization'), secret)) {
    return Response.json(
      { error: 'unauthorized' },
      { status: 401, headers: { ...noStore, 'WWW-Authenticate': 'Bearer' } },
    );
  }
  try {
    const report = await runScheduledJobs(await runtimeDeps(), {
      transport: getTransport(),
      limit: 50,
      storage: storageFromEnv,
      paymentProvider,
    });
    const body = {
      smtpConfigured: report.outbox !== null,
      ...(report.outbox ?? { sent: 0, failed: 0, retried: 0 }),
      payments: report.payments,
      pruned: report.pruned,
      ...(report.failed.length ? { error: 'jobs_failed', failedJobs: report.failed } : {}),
    };
    return Response.json(body, { status: report.failed.length ? 500 : 200, headers: noStore });
  } catch (error) {
    // The database could not be opened: no job ran.
    console.error('[jobs] failed:', error instanceof Error ? error.message : String(error));
    return Response.json({ error: 'jobs_failed' }, { status: 500, headers: noStore });
  }
}

export const GET = handle;
export const POST = handle;
