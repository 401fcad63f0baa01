/**
 * `npm run scheduled-jobs`: the scheduled jobs once (lib/jobs/run-scheduled-jobs.ts), as the
 * cron route app/api/cron/scheduled-jobs runs them: delivers due mail through SMTP_URL (when
 * set), then prunes what has outlived its use; prints one line of counts. For operators and for
 * schedulers without HTTP cron. Runs in plain Node: nothing here may import 'server-only'.
 */
import { loadEnvConfig } from '@next/env';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

async function main() {
  // Imported after loadEnvConfig so that modules see the loaded environment.
  const { runtimeDeps } = await import('../lib/deps');
  const { getTransport } = await import('../lib/email/transport');
  const { runScheduledJobs } = await import('../lib/jobs/run-scheduled-jobs');
  const { storageFromEnv } = await import('../lib/storage/from-env');
  const { paymentProvider } = await import('../lib/payments/runtime');
  const report = await runScheduledJobs(await runtimeDeps(), {
    transport: getTransport(),
    storage: () => storageFromEnv(),
    paymentProvider,
  });
  const { outbox, pruned } = report;
  console.log(
    (outbox
      ? `Outbox drained: ${outbox.sent} sent, ${outbox.retried} to retry, ${outbox.failed} failed. `
      : 'SMTP_URL is not set: nothing can be delivered; mail stays in the outbox. ') +
      `Pruned: ${pruned.rateLimits} rate-limit windows, ${pruned.loginThrottles} sign-in ` +
      `counters, ${pruned.oneTimeLinks} one-time links, ${pruned.outbox} settled mails, ` +
      `${pruned.orphanObjects} orphan document files. Payments: ${report.payments.paid} ` +
      `settled and ${report.payments.expired} expired by reconciliation.`,
  );
  if (report.failed.length) console.error(`Failed: ${report.failed.join(', ')}.`);
  process.exit(report.failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  // The message only: never a mail's content.
  console.error(
    error instanceof DatabaseLockedError || error instanceof Error ? error.message : String(error),
  );
  process.exit(1);
});
