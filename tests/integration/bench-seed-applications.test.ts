import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOtherApplications, seedResidentApplications } from '@/bench/seed-applications';
import { APPLICATION_TYPES, formSteps } from '@/lib/applications/catalogue';
import { DRAFT_RETENTION_DAYS, listApplications } from '@/lib/applications/list-applications';
import { loadApplication } from '@/lib/applications/load-application';
import { allowedTransition, type ApplicationStatus } from '@/lib/applications/status-machine';
import { users } from '@/lib/db/schema';
import { createTestDb, fakeClock, type TestDb } from '../helpers/db';
import { testDeps } from '../helpers/accounts';
import { PROFILE, consentedUser } from '../helpers/registration';

/**
 * The bench's applications (bench/seed-applications.ts) follow the portal's rules, so that the
 * pages it loads show what real ones would: a small bulk seed on PGlite, checked row by row.
 */
const NOW = new Date('2026-12-03T15:00:00Z');
let t: TestDb;
let deps: ReturnType<typeof testDeps>;
let residentId: string;
let residents: number;

async function rows<T>(query: string): Promise<T[]> {
  const result = await t.db.execute(sql.raw(query));
  return (result as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  t = await createTestDb();
  deps = testDeps(t.db, fakeClock(NOW));
  residentId = await consentedUser(deps, 'bench.registered@example.ca');
  const [hashed] = await t.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, residentId));
  residents = await seedOtherApplications(t.db, {
    count: 400,
    now: NOW,
    passwordHash: hashed!.passwordHash,
    termsVersion: '2026-11-01',
  });
}, 120_000);
afterAll(() => t?.close());

describe('the bench seed of other residents’ applications', () => {
  it('writes the applications asked for, four per resident, with unique references', async () => {
    expect(residents).toBe(100);
    const [counts] = await rows<{ n: number; refs: number; owners: number }>(
      `select count(*)::int as n, count(distinct reference)::int as refs,
         count(distinct user_id)::int as owners from applications where user_id <> '${residentId}'`,
    );
    expect(counts).toEqual({ n: 400, refs: 400, owners: 100 });
  });

  it('numbers references per type and year from 1 with no gap, and moves the counters past them', async () => {
    const groups = await rows<{ key: string; n: number; top: number; last: number }>(
      `select left(reference, 8) as key, count(*)::int as n,
         max(right(reference, 6)::int) as top, c.last
       from applications a join application_counters c
         on c.prefix = left(a.reference, 3) and c.year = substr(a.reference, 5, 4)::int
       group by 1, c.last`,
    );
    expect(groups.length).toBeGreaterThan(4);
    for (const g of groups) expect([g.key, g.top, g.last]).toEqual([g.key, g.n, g.n]);
  });

  it('keeps every draft within its 60 days and gives every other application one version', async () => {
    const [old] = await rows<{ n: number }>(
      `select count(*)::int as n from applications
       where status = 'draft' and last_saved_at < timestamptz '${NOW.toISOString()}' - interval '${DRAFT_RETENTION_DAYS} days'`,
    );
    expect(old!.n).toBe(0);
    const versions = await rows<{ status: string; n: number }>(
      `select a.status, count(v.id)::int as n from applications a
       left join application_versions v on v.application_id = a.id group by a.id, a.status`,
    );
    for (const v of versions) expect(v.n).toBe(v.status === 'draft' ? 0 : 1);
  });

  it('saves the answers of the steps before the one a draft resumes at, and all once submitted', async () => {
    const apps = await rows<{
      type: string;
      status: string;
      current_step: string;
      steps: string[];
    }>(
      `select a.type, a.status, a.current_step, array_agg(aa.step) as steps
       from applications a join application_answers aa on aa.application_id = a.id
       group by a.id`,
    );
    expect(apps).toHaveLength(400);
    for (const app of apps) {
      const type = APPLICATION_TYPES.find((x) => x.key === app.type)!;
      const resumeAt = type.steps.findIndex((s) => s.key === app.current_step);
      const expected = formSteps(type)
        .filter((s) => app.status !== 'draft' || type.steps.indexOf(s) < resumeAt)
        .map((s) => s.key);
      expect([...app.steps].sort()).toEqual([...expected].sort());
    }
  });

  it('assigns the accepted ones to the City’s staff and gives them the clock: accepted after submission, due 10 to 30 business days later', async () => {
    const seeded = await rows<{
      status: ApplicationStatus;
      submitted_on: string;
      accepted_on: string | null;
      decision_due_on: string | null;
      assignee_role: string | null;
      accepted_event: boolean;
    }>(
      `select a.status, (a.submitted_at at time zone 'America/Toronto')::date::text as submitted_on,
         a.accepted_on::text, a.decision_due_on::text, s.role as assignee_role,
         exists (select 1 from application_events e where e.application_id = a.id and e.type = 'accept_complete') as accepted_event
       from applications a left join staff_members s on s.id = a.assigned_to
       where a.user_id <> '${residentId}' and a.status <> 'draft'`,
    );
    for (const row of seeded) {
      expect(row.accepted_on !== null, JSON.stringify(row)).toBe(row.accepted_event);
      if (row.accepted_on === null) {
        expect(row.decision_due_on).toBeNull();
        continue;
      }
      expect(row.accepted_on >= row.submitted_on).toBe(true);
      const days = (Date.parse(row.decision_due_on!) - Date.parse(row.accepted_on)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(14);
      expect(days).toBeLessThanOrEqual(43);
      expect(['intake', 'examiner', 'admin']).toContain(row.assignee_role);
    }
    // Some overdue (under review, due before today), some not, some without a clock.
    const underReview = seeded.filter((r) => r.status === 'under_review');
    expect(underReview.some((r) => r.decision_due_on! < '2026-12-03')).toBe(true);
    expect(seeded.some((r) => r.decision_due_on === null)).toBe(true);
    expect(new Set(seeded.map((r) => r.assignee_role)).size).toBeGreaterThan(2);
  });

  it('gives every application a timeline the status machine allows, ending at its status', async () => {
    const timelines = await rows<{
      status: ApplicationStatus;
      events: {
        type: string;
        from: ApplicationStatus | null;
        to: ApplicationStatus;
        actor: string;
      }[];
    }>(
      `select a.status, json_agg(json_build_object('type', e.type, 'from', e.from_status,
         'to', e.to_status, 'actor', e.actor_role) order by e.seq) as events
       from applications a join application_events e on e.application_id = a.id
       where a.user_id <> '${residentId}' group by a.id, a.status`,
    );
    expect(timelines).toHaveLength(400);
    expect(new Set(timelines.map((x) => x.status)).size).toBeGreaterThan(5);
    for (const { status, events } of timelines) {
      const [created, ...moves] = events;
      expect(created).toMatchObject({ type: 'create', from: null, to: 'draft' });
      let at: ApplicationStatus = 'draft';
      for (const move of moves) {
        expect(move.from).toBe(at);
        const allowed = allowedTransition(at, move.type as never, move.actor as never, {
          feeDueCents: 1,
          withdrawalRequested: move.type === 'confirm_withdrawal',
          inspectionsDone: true,
        });
        expect(allowed?.to).toBe(move.to);
        at = move.to;
      }
      expect(at).toBe(status);
    }
  });

  it('leaves the next references to the bench resident’s applications, listed and loaded as the pages do', async () => {
    const reference = await seedResidentApplications(deps, {
      userId: residentId,
      applicant: { firstName: PROFILE.firstName, lastName: PROFILE.lastName },
    });
    const listed = await listApplications(t.db, residentId);
    expect(listed).toHaveLength(8);
    expect(new Set(listed.map((a) => a.status))).toEqual(
      new Set([
        'draft',
        'payment_required',
        'under_review',
        'information_required',
        'issued',
        'withdrawn',
      ]),
    );
    const application = await loadApplication(t.db, residentId, reference);
    expect(application).toMatchObject({ status: 'under_review', version: 1 });
    expect(application!.events.map((e) => e.type)).toEqual([
      'create',
      'submit',
      'payment_settled',
      'start_completeness_check',
      'request_information',
      'respond',
      'assign',
      'accept_complete',
    ]);
  });
});
