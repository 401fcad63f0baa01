import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/lib/db/schema';
import { applications, staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import {
  listAssignableStaff,
  listWorkQueue,
  OPEN_STATUSES,
  parseQueueFilters,
  QUEUE_COUNT_CAP,
  QUEUE_MAX_PAGE,
  QUEUE_PAGE_SIZE,
  queueQuery,
  type QueueFilters,
  type QueueRow,
} from '@/lib/staff/list-work-queue';
import { testDeps } from '../helpers/accounts';
import { testBackends } from '../helpers/backends';
import { activeUser } from '../helpers/registration';

/** Today in Ottawa for every query here. */
const TODAY = '2026-12-04';
const DAY = 86_400_000;
const BASE = Date.parse('2026-10-01T14:00:00Z');

interface Seeded {
  intake: string;
  examiner: string;
  inspector: string;
  disabledAdmin: string;
}

/**
 * The queue's data: named applications (a draft, each clock state, two with the same due day) and
 * `fillers` submitted ones whose clock has not started, for the pages.
 */
async function seedQueue(db: Db, fillers: number): Promise<Seeded> {
  const userId = await activeUser(testDeps(db), 'demandeur.file@example.ca');
  const staff = await db
    .insert(staffMembers)
    .values([
      { email: 'accueil.file@ottawa.ca', name: 'Alice Accueil', role: 'intake' },
      { email: 'examen.file@ottawa.ca', name: 'Bruno Examen', role: 'examiner' },
      { email: 'inspection.file@ottawa.ca', name: 'Chloé Inspection', role: 'inspector' },
      {
        email: 'admin.file@ottawa.ca',
        name: 'Denis Admin',
        role: 'admin',
        disabledAt: new Date(BASE),
      },
    ])
    .returning({ id: staffMembers.id });
  const [intake, examiner, inspector, disabledAdmin] = staff.map((s) => s.id) as [
    string,
    string,
    string,
    string,
  ];
  const row = (
    reference: string,
    status: string,
    opts: { due?: string; to?: string; type?: string; submittedDay?: number } = {},
  ) => ({
    reference,
    userId,
    type: opts.type ?? (reference.startsWith('RCO') ? 'complianceReport' : 'constructionPermit'),
    status,
    currentStep: 'review',
    siteAddress: `${reference} rue Principale`,
    lastSavedAt: new Date(BASE),
    statusChangedAt: new Date(BASE),
    submittedAt: status === 'draft' ? null : new Date(BASE + (opts.submittedDay ?? 0) * DAY),
    decisionDueOn: opts.due ?? null,
    assignedTo: opts.to ?? null,
  });
  await db.insert(applications).values([
    row('CON-2026-000001', 'draft', { submittedDay: 0 }),
    row('CON-2026-000002', 'under_review', { due: '2026-12-01', to: intake, submittedDay: 5 }),
    row('RCO-2026-000003', 'under_review', { due: TODAY, to: examiner, submittedDay: 6 }),
    // Paused: past its (moving) due day, never overdue.
    row('CON-2026-000004', 'information_required', {
      due: '2026-11-20',
      to: intake,
      submittedDay: 1,
    }),
    row('CON-2026-000005', 'completeness_review', { submittedDay: 9 }),
    row('RCO-2026-000006', 'ready_for_issuance', { due: '2026-11-25', to: examiner }),
    // Decided: its due day is history.
    row('CON-2026-000007', 'issued', { due: '2026-11-01', to: intake, submittedDay: 2 }),
    row('RCO-2026-000008', 'submitted', { submittedDay: 8 }),
    row('CON-2026-000009', 'under_review', { due: '2026-12-10', submittedDay: 3 }),
    // The same due day as 000002, submitted earlier: before it.
    row('CON-2026-000010', 'under_review', { due: '2026-12-01', to: inspector, submittedDay: 4 }),
    row('RCO-2026-000011', 'refused', { due: '2026-11-15', to: disabledAdmin, submittedDay: 7 }),
    ...Array.from({ length: fillers }, (_, i) =>
      row(`CON-2026-${String(100 + i).padStart(6, '0')}`, 'submitted', { submittedDay: 10 + i }),
    ),
  ]);
  return { intake, examiner, inspector, disabledAdmin };
}

const FILLERS = QUEUE_PAGE_SIZE + 10;
const fillerRefs = Array.from(
  { length: FILLERS },
  (_, i) => `CON-2026-${String(100 + i).padStart(6, '0')}`,
);
/** Every application past draft, in the queue's order. */
const ORDER = [
  'CON-2026-000007', // 11-01
  'RCO-2026-000011', // 11-15
  'CON-2026-000004', // 11-20
  'RCO-2026-000006', // 11-25
  'CON-2026-000010', // 12-01, submitted day 4
  'CON-2026-000002', // 12-01, submitted day 5
  'RCO-2026-000003', // today
  'CON-2026-000009', // 12-10
  // The clock has not started: by submission.
  'RCO-2026-000008',
  'CON-2026-000005',
  ...fillerRefs,
];

describe.each(testBackends('work_queue'))('the work queue on $name', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  let db: Db;
  let staff: Seeded;

  beforeAll(async () => {
    opened = await backend.open();
    db = opened.db;
    staff = await seedQueue(db, FILLERS);
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** Every page of a filtered queue, in order. */
  async function allRows(filters: QueueFilters, staffId?: string): Promise<QueueRow[]> {
    // Every status past draft unless the test names one (the default view is the open ones).
    const all = { status: 'all' as const, ...filters };
    const first = await listWorkQueue(db, { ...all, staffId, today: TODAY });
    const rows = [...first.rows];
    for (let page = 2; page <= first.pageCount; page++) {
      rows.push(...(await listWorkQueue(db, { ...all, staffId, page, today: TODAY })).rows);
    }
    expect(rows).toHaveLength(first.total);
    return rows;
  }
  const refs = (rows: QueueRow[]) => rows.map((r) => r.reference);

  it('lists every application past draft by the City’s due date, those without one after (by submission, then id), a page at a time', async () => {
    const first = await listWorkQueue(db, { status: 'all', today: TODAY });
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: ORDER.length, capped: false });
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(refs(await allRows({}))).toEqual(ORDER);
  });

  it('opens on the applications in progress: submitted and not decided, in the same order', async () => {
    const rows: QueueRow[] = [];
    const first = await listWorkQueue(db, { today: TODAY });
    rows.push(...first.rows);
    for (let page = 2; page <= first.pageCount; page++) {
      rows.push(...(await listWorkQueue(db, { page, today: TODAY })).rows);
    }
    const every = await allRows({});
    const open = every.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status));
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(every.length);
    expect(refs(rows)).toEqual(refs(open));
    expect(first.total).toBe(open.length);
  });

  it('each row carries its due day, its assignee’s name and the overdue flag', async () => {
    const rows = new Map((await allRows({})).map((r) => [r.reference, r]));
    expect(rows.get('CON-2026-000002')).toMatchObject({
      status: 'under_review',
      decisionDueOn: '2026-12-01',
      assigneeName: 'Alice Accueil',
      overdue: true,
      siteAddress: 'CON-2026-000002 rue Principale',
    });
    expect(rows.get('RCO-2026-000006')).toMatchObject({
      assigneeName: 'Bruno Examen',
      overdue: true,
    });
    // Due today is not late; paused, decided and not started never are.
    for (const ref of [
      'RCO-2026-000003',
      'CON-2026-000004',
      'CON-2026-000007',
      'RCO-2026-000011',
    ]) {
      expect(rows.get(ref)?.overdue, ref).toBe(false);
    }
    expect(rows.get('CON-2026-000005')).toMatchObject({
      decisionDueOn: null,
      assigneeName: null,
      overdue: false,
    });
  });

  it('filters by status', async () => {
    expect(refs(await allRows({ status: 'under_review' }))).toEqual([
      'CON-2026-000010',
      'CON-2026-000002',
      'RCO-2026-000003',
      'CON-2026-000009',
    ]);
    expect(refs(await allRows({ status: 'information_required' }))).toEqual(['CON-2026-000004']);
  });

  it('filters by type', async () => {
    expect(refs(await allRows({ type: 'complianceReport' }))).toEqual([
      'RCO-2026-000011',
      'RCO-2026-000006',
      'RCO-2026-000003',
      'RCO-2026-000008',
    ]);
    const permits = refs(await allRows({ type: 'constructionPermit' }));
    expect(permits).toEqual(ORDER.filter((r) => r.startsWith('CON')));
  });

  it('filters by assignee: a member, the reader ("me"), nobody', async () => {
    expect(refs(await allRows({ assignee: { staffId: staff.intake } }))).toEqual([
      'CON-2026-000007',
      'CON-2026-000004',
      'CON-2026-000002',
    ]);
    expect(refs(await allRows({ assignee: 'me' }, staff.examiner))).toEqual([
      'RCO-2026-000006',
      'RCO-2026-000003',
    ]);
    // "Me" without a reader is nobody's, never everything.
    expect(await allRows({ assignee: 'me' })).toEqual([]);
    expect(refs(await allRows({ assignee: 'unassigned' }))).toEqual([
      'CON-2026-000009',
      'RCO-2026-000008',
      'CON-2026-000005',
      ...fillerRefs,
    ]);
    expect(
      await allRows({ assignee: { staffId: '00000000-0000-4000-8000-000000000000' } }),
    ).toEqual([]);
  });

  it('filters the overdue: past the due day while the clock runs, not paused, not decided, not due today', async () => {
    expect(refs(await allRows({ overdue: true }))).toEqual([
      'RCO-2026-000006',
      'CON-2026-000010',
      'CON-2026-000002',
    ]);
    // The day after, today's due one is late too.
    const tomorrow = await listWorkQueue(db, { overdue: true, today: '2026-12-05' });
    expect(refs(tomorrow.rows)).toContain('RCO-2026-000003');
    expect(refs(tomorrow.rows)).not.toContain('CON-2026-000004');
  });

  it('combines the filters', async () => {
    expect(refs(await allRows({ overdue: true, assignee: { staffId: staff.examiner } }))).toEqual([
      'RCO-2026-000006',
    ]);
    expect(
      refs(await allRows({ overdue: true, type: 'constructionPermit', status: 'under_review' })),
    ).toEqual(['CON-2026-000010', 'CON-2026-000002']);
    expect(refs(await allRows({ type: 'complianceReport', assignee: 'unassigned' }))).toEqual([
      'RCO-2026-000008',
    ]);
    expect(await allRows({ status: 'issued', overdue: true })).toEqual([]);
  });

  it('keeps the page within bounds: below the first is the first, past the last is the last', async () => {
    const last = await listWorkQueue(db, { status: 'all', page: 9999, today: TODAY });
    expect(last.page).toBe(2);
    expect(refs(last.rows)).toEqual(ORDER.slice(QUEUE_PAGE_SIZE));
    for (const page of [0, -3, Number.NaN]) {
      const first = await listWorkQueue(db, { status: 'all', page, today: TODAY });
      expect(first.page).toBe(1);
      expect(refs(first.rows)).toEqual(ORDER.slice(0, QUEUE_PAGE_SIZE));
    }
    const none = await listWorkQueue(db, { status: 'closed', page: 3, today: TODAY });
    expect(none).toMatchObject({ rows: [], page: 1, pageCount: 1, total: 0, capped: false });
  });

  it('offers intake, examiners and administrators (disabled ones marked) for the assignee filter, by name', async () => {
    expect(await listAssignableStaff(db)).toEqual([
      { id: staff.intake, name: 'Alice Accueil', disabled: false },
      { id: staff.examiner, name: 'Bruno Examen', disabled: false },
      { id: staff.disabledAdmin, name: 'Denis Admin', disabled: true },
    ]);
  });

  it('counts up to 10,000 only, and offers at most 400 pages', async () => {
    await db.execute(sql`
      insert into applications (reference, user_id, type, status, current_step, last_saved_at, status_changed_at, submitted_at)
      select 'CON-2025-' || lpad(g::text, 6, '0'), user_id, 'constructionPermit', 'closed', 'review', now(), now(), now()
      from generate_series(1, ${QUEUE_COUNT_CAP}) g,
        (select user_id from applications limit 1) u`);
    const queue = await listWorkQueue(db, { status: 'all', page: 9999, today: TODAY });
    expect(queue).toMatchObject({
      total: QUEUE_COUNT_CAP,
      capped: true,
      pageCount: QUEUE_MAX_PAGE,
      page: QUEUE_MAX_PAGE,
    });
    expect(queue.rows).toHaveLength(QUEUE_PAGE_SIZE);
    const filtered = await listWorkQueue(db, { status: 'closed', today: TODAY });
    expect(filtered).toMatchObject({ total: QUEUE_COUNT_CAP, capped: false });
  });
});

describe('the work queue’s query string', () => {
  it('keeps the known values and ignores anything else (no error)', () => {
    const id = '0B6A3D2E-1C4F-4A5B-9D8E-7F6A5B4C3D2E';
    expect(
      parseQueueFilters({
        status: 'under_review',
        type: 'complianceReport',
        assignee: id,
        overdue: '1',
        page: '3',
      }),
    ).toEqual({
      status: 'under_review',
      type: 'complianceReport',
      assignee: { staffId: id.toLowerCase() },
      overdue: true,
      page: 3,
    });
    expect(parseQueueFilters({ assignee: 'me' })).toEqual({ assignee: 'me', page: 1 });
    expect(parseQueueFilters({ assignee: 'unassigned' })).toEqual({
      assignee: 'unassigned',
      page: 1,
    });
    for (const query of [
      { status: 'draft' },
      { status: ['submitted', 'issued'] },
      { status: 'SUBMITTED' },
      { type: 'toString' },
      { type: 'pool' },
      { assignee: 'someone' },
      { assignee: "' or 1=1 --" },
      { assignee: `${id}x` },
      { overdue: 'yes' },
      { overdue: ['1', '1'] },
      { page: 'abc' },
      { page: '-2' },
      { page: '0' },
      { unknown: 'x' },
    ]) {
      expect(parseQueueFilters(query), JSON.stringify(query)).toEqual({ page: 1 });
    }
  });

  it('writes the filters back for the page links, the page only past the first', () => {
    const filters = parseQueueFilters({
      status: 'submitted',
      type: 'constructionPermit',
      assignee: 'me',
      overdue: '1',
    });
    const { page, ...rest } = filters;
    expect(page).toBe(1);
    expect(queueQuery(rest, 2)).toEqual({
      status: 'submitted',
      type: 'constructionPermit',
      assignee: 'me',
      overdue: '1',
      page: '2',
    });
    expect(queueQuery({}, 1)).toEqual({});
    expect(parseQueueFilters(queueQuery(rest, 4))).toEqual({ ...rest, page: 4 });
  });
});

describe('the work queue’s statements', () => {
  let client: PGlite;
  let db: Db;
  let logged: { sql: string; params: unknown[] }[];

  beforeAll(async () => {
    const file = process.env.MONSO_TEST_DB_SNAPSHOT;
    if (!file) throw new Error('MONSO_TEST_DB_SNAPSHOT is not set: run the tests through vitest');
    client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
    logged = [];
    db = drizzle(client, {
      schema,
      logger: { logQuery: (text, params) => logged.push({ sql: text, params }) },
    }) as unknown as Db;
    await seedQueue(db, FILLERS);
  });
  afterAll(() => client?.close());

  it('a page of the queue, any filters, is two index-backed statements (the rows in applications_queue_due_idx’s order), the assignee by a join', async () => {
    const staffId = (await listAssignableStaff(db))[0]!.id;
    for (const filters of [
      {},
      { status: 'all' as const },
      { status: 'under_review' as const },
      { overdue: true },
      { type: 'constructionPermit', assignee: 'unassigned' as const },
    ]) {
      logged.length = 0;
      await listWorkQueue(db, { ...filters, staffId, page: 2, today: TODAY });
      expect(logged, JSON.stringify(filters)).toHaveLength(2);
      const [countStatement, rowsStatement] = logged as [(typeof logged)[0], (typeof logged)[0]];
      expect(countStatement.sql).toMatch(/^select count\(\*\) from \(select 1 .* limit \$\d+\)/);
      expect(rowsStatement.sql).toContain('left join "staff_members"');
      // The plans with sequential scans off, as on a table of 100,000 (bench/ measures it).
      for (const statement of [countStatement, rowsStatement]) {
        const plan = await client.transaction(async (tx) => {
          await tx.query('set local enable_seqscan = off');
          const result = await tx.query<Record<string, string>>(
            `explain ${statement.sql}`,
            statement.params,
          );
          return result.rows.map((r) => Object.values(r)[0]).join('\n');
        });
        const why = `${JSON.stringify(filters)}\n${plan}`;
        expect(plan, why).toMatch(
          /applications_queue_(due|status|open)_idx|applications_assigned_idx/,
        );
        expect(plan, why).not.toContain('Seq Scan on applications');
        if (
          statement === rowsStatement &&
          Object.keys(filters).length <= 1 &&
          !('overdue' in filters)
        ) {
          // The default view, every status and one status, each by its own index (other filters:
          // the planner's choice depends on the numbers; bench/ explains them at 100,000 rows).
          const index = !('status' in filters)
            ? 'applications_queue_open_idx'
            : filters.status === 'all'
              ? 'applications_queue_due_idx'
              : 'applications_queue_status_idx';
          expect(plan, why).toContain(index);
          // Every status: read in the index's order, no sort (the few rows of the default view
          // and of one status here make a bitmap scan and a sort as cheap).
          if (index === 'applications_queue_due_idx') {
            expect(plan, why).not.toMatch(/^\s*(->\s*)?Sort\b/m);
          }
        }
      }
    }
    logged.length = 0;
    await listAssignableStaff(db);
    expect(logged).toHaveLength(1);
  });
});
