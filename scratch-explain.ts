import { createRequire } from 'node:module';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { listWorkQueue, type QueueFilters } from '@/lib/staff/list-work-queue';
import { ottawaDate } from '@/lib/calendar/business-days';

const { Pool } = createRequire(import.meta.url)('pg');
const pool = new Pool({ connectionString: process.env.URL });
const logged: { sql: string; params: unknown[] }[] = [];
const db = drizzle(pool, {
  schema,
  logger: { logQuery: (sql: string, params: unknown[]) => logged.push({ sql, params }) },
}) as unknown as Db;
const today = ottawaDate(new Date());
const [{ id: someone }] = (await pool.query(`select assigned_to as id from applications where assigned_to is not null limit 1`)).rows;
const cases: [string, QueueFilters & { page?: number }][] = [
  ['unfiltered, page 1', {}],
  ['unfiltered, page 40', { page: 40 }],
  ['overdue', { overdue: true }],
  ['status under_review', { status: 'under_review' }],
  ['type complianceReport', { type: 'complianceReport' }],
  ['assignee (a member)', { assignee: { staffId: someone } }],
  ['unassigned + overdue', { assignee: 'unassigned', overdue: true }],
];
for (const [name, filters] of cases) {
  logged.length = 0;
  const t0 = performance.now();
  const q = await listWorkQueue(db, { ...filters, today });
  const ms = performance.now() - t0;
  console.log(`\n### ${name}: total ${q.total}${q.capped ? '+' : ''}, ${q.rows.length} rows, ${ms.toFixed(1)} ms (both statements, warm)`);
  for (const s of logged) {
    const r = await pool.query(`explain (analyze, buffers off, costs off, timing on, summary on) ${s.sql}`, s.params);
    console.log(r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n'));
    console.log('--');
  }
}
await pool.end();
