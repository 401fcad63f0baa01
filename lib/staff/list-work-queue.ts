import { and, asc, count, eq, ne, type SQL } from 'drizzle-orm';
import { STATUSES, type ApplicationStatus } from '@/lib/applications/status-machine';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** The statuses the queue shows and filters by: every one past "Brouillon". */
export const QUEUE_STATUSES = STATUSES.filter((s) => s !== 'draft');
export type QueueStatus = Exclude<ApplicationStatus, 'draft'>;

export function isQueueStatus(value: unknown): value is QueueStatus {
  return typeof value === 'string' && (QUEUE_STATUSES as readonly string[]).includes(value);
}

export const QUEUE_PAGE_SIZE = 25;
/** The last page offered: past it, filter (the City has ≈ 10,000 applications a year). */
export const QUEUE_MAX_PAGE = 400;

export interface QueueRow {
  reference: string;
  type: string;
  status: QueueStatus;
  siteAddress: string | null;
  submittedAt: Date | null;
  statusChangedAt: Date;
}

export interface QueuePage {
  rows: QueueRow[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * "Demandes à traiter": every application past draft, the longest waiting first (submission date,
 * then id for a stable order), optionally one status, a page at a time. Two index-backed
 * statements: applications_queue_idx (submitted_at, id) WHERE status <> 'draft', or
 * applications_queue_status_idx (status, submitted_at, id) with a status. Issue 19 sorts by the
 * City's due date once the clock lands.
 */
export async function listWorkQueue(
  db: Db,
  opts: { status?: QueueStatus; page?: number } = {},
): Promise<QueuePage> {
  const where: SQL = opts.status
    ? eq(applications.status, opts.status)
    : ne(applications.status, 'draft');
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(applications)
    .where(and(where));
  const pageCount = Math.max(1, Math.min(QUEUE_MAX_PAGE, Math.ceil(total / QUEUE_PAGE_SIZE)));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const rows = await db
    .select({
      reference: applications.reference,
      type: applications.type,
      status: applications.status,
      siteAddress: applications.siteAddress,
      submittedAt: applications.submittedAt,
      statusChangedAt: applications.statusChangedAt,
    })
    .from(applications)
    .where(where)
    .orderBy(asc(applications.submittedAt), asc(applications.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return { rows: rows as QueueRow[], page, pageCount, total };
}
