import { and, asc, count, eq, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { APPLICATION_TYPES } from '@/lib/applications/catalogue';
import { STATUSES, type ApplicationStatus } from '@/lib/applications/status-machine';
import type { PlainDate } from '@/lib/calendar/business-days';
import { applications, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** The statuses the queue shows and filters by: every one past "Brouillon". */
export const QUEUE_STATUSES = STATUSES.filter((s) => s !== 'draft');
export type QueueStatus = Exclude<ApplicationStatus, 'draft'>;

export function isQueueStatus(value: unknown): value is QueueStatus {
  return typeof value === 'string' && (QUEUE_STATUSES as readonly string[]).includes(value);
}

/**
 * Where the City's clock runs (APPLICATIONS.md, "Statuses"): from the acceptance as complete to
 * the permit's issue. "Renseignements requis" is not one (the clock is paused), nor the statuses
 * before acceptance (no due day yet) or after the decision.
 */
export const CLOCK_STATUSES: readonly QueueStatus[] = [
  'completeness_review',
  'under_review',
  'ready_for_issuance',
];

/**
 * The queue's default view, "en cours": submitted and not decided yet, whoever acts next (the City,
 * or the resident asked for information). Decided, withdrawn and closed applications, and those
 * waiting for their first payment, show with "Tous les statuts" or their own status.
 * applications_queue_open_idx serves it in the queue's order.
 */
export const OPEN_STATUSES: readonly QueueStatus[] = [
  'submitted',
  'completeness_review',
  'information_required',
  'under_review',
  'ready_for_issuance',
];

const OPEN_CONDITION = sql`${applications.status} in (${sql.raw(
  OPEN_STATUSES.map((status) => `'${status}'`).join(', '),
)})`;

/** The catalogue's types, by key: the type filter's values. */
export const QUEUE_TYPES: readonly string[] = APPLICATION_TYPES.map((t) => t.key);

export const QUEUE_PAGE_SIZE = 25;
/** The last page offered: past it, filter (the City has ≈ 10,000 applications a year). */
export const QUEUE_MAX_PAGE = 400;
/** The count stops here: past it the page says "more than", and no statement reads further. */
export const QUEUE_COUNT_CAP = QUEUE_PAGE_SIZE * QUEUE_MAX_PAGE;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who an application is assigned to: a member (their id), the reader, or nobody. */
export type QueueAssignee = 'me' | 'unassigned' | { staffId: string };

export interface QueueFilters {
  /** One status, every status past draft ('all'), or (absent) the open ones: OPEN_STATUSES. */
  status?: QueueStatus | 'all';
  /** A catalogue type's key. */
  type?: string;
  assignee?: QueueAssignee;
  /** Only those whose decision is past due while the City's clock runs. */
  overdue?: boolean;
}

export interface QueueRow {
  reference: string;
  type: string;
  status: QueueStatus;
  siteAddress: string | null;
  submittedAt: Date | null;
  statusChangedAt: Date;
  /** The decision's due day, or null while the clock has not started. */
  decisionDueOn: PlainDate | null;
  assigneeName: string | null;
  /** Past its due day (Ottawa) while the clock runs. */
  overdue: boolean;
}

export interface QueuePage {
  rows: QueueRow[];
  page: number;
  pageCount: number;
  /** Matching applications, counted up to QUEUE_COUNT_CAP; `capped` when there are more. */
  total: number;
  capped: boolean;
}

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

/**
 * The queue's filters from the page's query string (`status`, `type`, `assignee`: `me`,
 * `unassigned` or a member's id, `overdue=1`): whatever is not one of the known values is ignored,
 * never an error.
 */
export function parseQueueFilters(
  query: Record<string, string | string[] | undefined>,
): QueueFilters & { page: number } {
  const status = one(query.status);
  const type = one(query.type);
  const assignee = one(query.assignee);
  const page = Number.parseInt(one(query.page), 10);
  return {
    ...(isQueueStatus(status) || status === 'all' ? { status } : {}),
    ...(QUEUE_TYPES.includes(type) ? { type } : {}),
    ...(assignee === 'me' || assignee === 'unassigned'
      ? { assignee }
      : UUID.test(assignee)
        ? { assignee: { staffId: assignee.toLowerCase() } }
        : {}),
    ...(one(query.overdue) === '1' ? { overdue: true } : {}),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** The filters as the query string keeps them (the form's names), for links to other pages. */
export function queueQuery(filters: QueueFilters, page = 1): Record<string, string> {
  const { assignee } = filters;
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(assignee ? { assignee: typeof assignee === 'string' ? assignee : assignee.staffId } : {}),
    ...(filters.overdue ? { overdue: '1' } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  };
}

/**
 * "Demandes à traiter": the open applications (or every one past draft, or one status), the
 * decision due soonest first (those whose
 * clock has not started after, then by submission and id for a stable order), filtered, a page at
 * a time. Two statements: a count that stops at QUEUE_COUNT_CAP, and the page's rows with their
 * assignee's name (a join), read in the order of applications_queue_due_idx (decision_due_on,
 * submitted_at, id) WHERE status <> 'draft' (a status filter may count on
 * applications_queue_status_idx instead).
 */
export async function listWorkQueue(
  db: Db,
  opts: QueueFilters & {
    page?: number;
    /** The reader, for `assignee: 'me'`. */
    staffId?: string;
    /** Today in Ottawa (lib/calendar/business-days ottawaDate). */
    today: PlainDate;
  },
): Promise<QueuePage> {
  const conditions: SQL[] = [ne(applications.status, 'draft')];
  // The open statuses written as constants, not parameters, so that the planner can match the
  // partial index applications_queue_open_idx (whose predicate is this list).
  if (opts.status === undefined) conditions.push(OPEN_CONDITION);
  else if (opts.status !== 'all') conditions.push(eq(applications.status, opts.status));
  if (opts.type) conditions.push(eq(applications.type, opts.type));
  const { assignee } = opts;
  if (assignee === 'unassigned') conditions.push(isNull(applications.assignedTo));
  else if (assignee === 'me') {
    // Without a reader, "mine" is nobody's: an impossible condition rather than everything.
    conditions.push(opts.staffId ? eq(applications.assignedTo, opts.staffId) : sql`false`);
  } else if (assignee) conditions.push(eq(applications.assignedTo, assignee.staffId));
  const overdue = and(
    lt(applications.decisionDueOn, opts.today),
    inArray(applications.status, [...CLOCK_STATUSES]),
  )!;
  if (opts.overdue) conditions.push(overdue);
  const where = and(...conditions)!;

  const matching = db
    .select({ one: sql`1` })
    .from(applications)
    .where(where)
    .limit(QUEUE_COUNT_CAP + 1)
    .as('matching');
  const [{ found } = { found: 0 }] = await db.select({ found: count() }).from(matching);
  const capped = found > QUEUE_COUNT_CAP;
  const total = Math.min(found, QUEUE_COUNT_CAP);
  const pageCount = Math.max(1, Math.min(QUEUE_MAX_PAGE, Math.ceil(total / QUEUE_PAGE_SIZE)));
  const requested = opts.page !== undefined && Number.isFinite(opts.page) ? opts.page : 1;
  const page = Math.min(Math.max(1, Math.floor(requested)), pageCount);
  const rows = await db
    .select({
      reference: applications.reference,
      type: applications.type,
      status: applications.status,
      siteAddress: applications.siteAddress,
      submittedAt: applications.submittedAt,
      statusChangedAt: applications.statusChangedAt,
      decisionDueOn: applications.decisionDueOn,
      assigneeName: staffMembers.name,
    })
    .from(applications)
    .leftJoin(staffMembers, eq(staffMembers.id, applications.assignedTo))
    .where(where)
    // The index's order (ascending, nulls last): no sort of the matching rows.
    .orderBy(
      sql`${applications.decisionDueOn} asc nulls last`,
      asc(applications.submittedAt),
      asc(applications.id),
    )
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return {
    rows: rows.map((row) => ({
      ...row,
      status: row.status as QueueStatus,
      overdue:
        row.decisionDueOn !== null &&
        row.decisionDueOn < opts.today &&
        CLOCK_STATUSES.includes(row.status as QueueStatus),
    })),
    page,
    pageCount,
    total,
    capped,
  };
}

export interface AssignableStaff {
  id: string;
  name: string;
  disabled: boolean;
}

/**
 * The members an application can be assigned to (intake, examiners, administrators), by name,
 * for the assignee filter; disabled ones too, since applications may still be theirs.
 */
export async function listAssignableStaff(db: Db): Promise<AssignableStaff[]> {
  const rows = await db
    .select({ id: staffMembers.id, name: staffMembers.name, disabledAt: staffMembers.disabledAt })
    .from(staffMembers)
    .where(inArray(staffMembers.role, ['intake', 'examiner', 'admin']))
    .orderBy(asc(staffMembers.name), asc(staffMembers.id));
  return rows.map(({ disabledAt, ...row }) => ({ ...row, disabled: disabledAt !== null }));
}
