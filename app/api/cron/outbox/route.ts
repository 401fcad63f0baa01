import { createHash, timingSafeEqual } from 'node:crypto';
import { drainOutbox } from '@/lib/email/deliver';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'no-store' };

/** Constant-time comparison; hashing first makes both sides the same length. */
function isAuthorized(header: string | null, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
}

/**
 * Delivers due outbox mail: called by the host's scheduler (e.g. Vercel Cron sends
 * `Authorization: Bearer $CRON_SECRET`), so mail that failed after a request is retried.
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
    const counts = await drainOutbox({ limit: 50 });
    return Response.json(
      counts
        ? { smtpConfigured: true, ...counts }
        : { smtpConfigured: false, sent: 0, failed: 0, retried: 0 },
      { headers: noStore },
    );
  } catch (error) {
    console.error(
      '[email] cron drain failed:',
      error instanceof Error ? error.message : String(error),
    );
    return Response.json({ error: 'drain_failed' }, { status: 500, headers: noStore });
  }
}

export const GET = handle;
export const POST = handle;
