import { pruneOneTimeLinks } from '@/lib/accounts/prune-one-time-links';
import { expireDrafts } from '@/lib/applications/expire-drafts';
import type { Deps } from '@/lib/deps';
import { sweepOrphanObjects } from '@/lib/documents/sweep-orphan-objects';
import {
  deliverPending,
  pruneOutbox,
  type DeliveryCounts,
  type MailTransport,
} from '@/lib/email/outbox';
import type { PaymentProvider } from '@/lib/payments/provider';
import { reconcilePayments } from '@/lib/payments/reconcile-payments';
import { pruneLoginThrottles } from '@/lib/security/login-throttle';
import { pruneRateLimits } from '@/lib/security/rate-limit';
import type { Storage } from '@/lib/storage/storage';

export interface ScheduledJobsReport {
  /** Due mail delivered once; null when no transport is configured (mail stays queued). */
  outbox: DeliveryCounts | null;
  /** Draft applications: reminders queued, and drafts deleted after 60 days untouched. */
  drafts: { reminded: number; deleted: number };
  /** Payment attempts left open past 90 minutes: settled from the provider's answer, or expired. */
  payments: { paid: number; expired: number };
  /** Rows deleted by each prune. */
  pruned: {
    rateLimits: number;
    loginThrottles: number;
    oneTimeLinks: number;
    outbox: number;
    /** Stored documents no row names, older than an hour (a crash between store and row). */
    orphanObjects: number;
  };
  /** The jobs that threw (their message is logged, never a mail's content); the others ran. */
  failed: Array<
    | 'drafts'
    | 'payments'
    | 'outbox'
    | 'rateLimits'
    | 'loginThrottles'
    | 'oneTimeLinks'
    | 'pruneOutbox'
    | 'orphanObjects'
  >;
}

/**
 * What the scheduler runs every few minutes (app/api/cron/scheduled-jobs, or
 * `npm run scheduled-jobs`): reminds of and deletes stale draft applications, reconciles payment
 * attempts left open with their provider, delivers due mail,
 * then deletes what has outlived its use —
 * rate-limit windows long over, idle sign-in counters (not hard locks), one-time links a week
 * after they ended, settled mail after 30 days, stored documents no row names. Each job runs even
 * if an earlier one failed.
 */
export async function runScheduledJobs(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  opts: {
    transport: MailTransport | null;
    limit?: number;
    /**
     * Where documents are stored (or how to open it: a settings error then fails this job only);
     * without it the orphan sweep does not run.
     */
    storage?: Storage | (() => Storage) | null;
    /** The payment provider (or how to open it); without it reconciliation does not run. */
    paymentProvider?: PaymentProvider | (() => PaymentProvider) | null;
  },
): Promise<ScheduledJobsReport> {
  const report: ScheduledJobsReport = {
    outbox: null,
    drafts: { reminded: 0, deleted: 0 },
    payments: { paid: 0, expired: 0 },
    pruned: { rateLimits: 0, loginThrottles: 0, oneTimeLinks: 0, outbox: 0, orphanObjects: 0 },
    failed: [],
  };
  const run = async <T>(name: ScheduledJobsReport['failed'][number], job: () => Promise<T>) => {
    try {
      return await job();
    } catch (error) {
      console.error(
        `[jobs] ${name} failed:`,
        error instanceof Error ? error.message : String(error),
      );
      report.failed.push(name);
      return undefined;
    }
  };
  const { transport } = opts;
  // Before delivery, so a reminder queued now goes out in this run.
  report.drafts = (await run('drafts', () => expireDrafts(deps))) ?? report.drafts;
  // Before delivery too: a receipt for a payment found here goes out in this run.
  const provider = opts.paymentProvider;
  if (provider) {
    report.payments =
      (await run('payments', () =>
        reconcilePayments({
          ...deps,
          provider: typeof provider === 'function' ? provider() : provider,
        }),
      )) ?? report.payments;
  }
  if (transport) {
    const delivery = () => deliverPending(deps.db, { transport, now: deps.now, limit: opts.limit });
    report.outbox = (await run('outbox', delivery)) ?? null;
  }
  report.pruned.rateLimits = (await run('rateLimits', () => pruneRateLimits(deps))) ?? 0;
  report.pruned.loginThrottles =
    (await run('loginThrottles', () => pruneLoginThrottles(deps))) ?? 0;
  report.pruned.oneTimeLinks = (await run('oneTimeLinks', () => pruneOneTimeLinks(deps))) ?? 0;
  report.pruned.outbox = (await run('pruneOutbox', () => pruneOutbox(deps))) ?? 0;
  const { storage } = opts;
  if (storage) {
    report.pruned.orphanObjects =
      (await run('orphanObjects', () =>
        sweepOrphanObjects({
          ...deps,
          storage: typeof storage === 'function' ? storage() : storage,
        }),
      )) ?? 0;
  }
  return report;
}
