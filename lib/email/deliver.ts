import { after } from 'next/server';
import { getDb } from '@/lib/db/client';
import { deliverPending, type DeliveryCounts } from './outbox';
import { getTransport } from './transport';

/**
 * Delivers due mail once. Null when SMTP_URL is unset: nothing can be sent, the mail stays in
 * the outbox (shown at /dev/mailbox in development).
 */
async function drainOutbox(
  opts: { now?: () => Date; limit?: number } = {},
): Promise<DeliveryCounts | null> {
  const transport = getTransport();
  if (!transport) return null;
  return deliverPending(await getDb(), { transport, now: opts.now, limit: opts.limit });
}

/**
 * Call from a server action after its transaction has committed: the mail goes out once the
 * response is sent, so the person never waits on SMTP. Mail that fails here stays queued for
 * the next run of the scheduled jobs (cron or `npm run scheduled-jobs`). Never throws into the
 * request.
 */
export function deliverOutboxSoon(): void {
  try {
    if (!getTransport()) return;
    after(async () => {
      try {
        await drainOutbox();
      } catch (error) {
        logDrainError(error);
      }
    });
  } catch (error) {
    logDrainError(error);
  }
}

function logDrainError(error: unknown): void {
  // The message only: an error object could carry the rendered mail, one-time link included.
  console.error(
    '[email] outbox delivery failed:',
    error instanceof Error ? error.message : String(error),
  );
}
