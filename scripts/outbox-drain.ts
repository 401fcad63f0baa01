/**
 * `npm run outbox:drain`: delivers the due mail of the outbox once, through SMTP_URL, and prints
 * one line of counts. For operators and for schedulers without HTTP cron; see also
 * app/api/cron/outbox/route.ts. Runs in plain Node: nothing here may import 'server-only'.
 */
import { loadEnvConfig } from '@next/env';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

async function main() {
  if (!process.env.SMTP_URL) {
    console.log('SMTP_URL is not set: nothing can be delivered; mail stays in the outbox.');
    process.exit(0);
  }
  // Imported after loadEnvConfig so that modules see the loaded environment.
  const { drainOutbox } = await import('../lib/email/deliver');
  const counts = await drainOutbox();
  console.log(
    counts
      ? `Outbox drained: ${counts.sent} sent, ${counts.retried} to retry, ${counts.failed} failed.`
      : 'SMTP_URL is not set: nothing can be delivered; mail stays in the outbox.',
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  // The message only: never a mail's content.
  console.error(
    error instanceof DatabaseLockedError || error instanceof Error ? error.message : String(error),
  );
  process.exit(1);
});
