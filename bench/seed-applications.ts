/**
 * The applications the bench's database holds (issue 16): many of other residents, written in
 * bulk by SQL (generate_series, a handful of statements in one transaction), and a handful of the
 * bench resident's, made by the portal's own functions as a person and the City's staff would.
 *
 * The bulk rows follow the portal's rules: references numbered per type and year in the order the
 * applications were created (and the counters moved past them, so the next draft takes the next
 * number), every timeline a path the status machine allows (checked below), answers for the steps
 * a draft has saved (all of them once submitted), one version per submitted application, and no
 * draft older than its 60 days. BENCH_SEED_TIMES=1 prints each bulk statement's seconds.
 */
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { APPLICATION_TYPES, findTypeByPrefix, formSteps } from '@/lib/applications/catalogue';
import { DRAFT_RETENTION_DAYS } from '@/lib/applications/list-applications';
import { saveApplicationStep } from '@/lib/applications/save-application-step';
import {
  allowedTransition,
  transitionApplication,
  type ActorRole,
  type ApplicationEventType,
  type ApplicationStatus,
  type TransitionFacts,
} from '@/lib/applications/status-machine';
import { requestWithdrawal } from '@/lib/applications/request-withdrawal';
import { submitApplication } from '@/lib/applications/submit-application';
import { loadApplication } from '@/lib/applications/load-application';
import { missingRequiredItems } from '@/lib/documents/checklist';
import { noScanner } from '@/lib/documents/scan';
import { uploadDocument } from '@/lib/documents/upload-document';
import { FsStorage } from '@/lib/storage/fs-storage';
import type { Db } from '@/lib/db/client';
import { applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';

/** Residents the bulk applications belong to: four applications each on average. */
const APPLICATIONS_PER_RESIDENT = 4;
/** The City's staff the bulk applications are assigned to (intake, examiners, administrators). */
const BULK_STAFF = 40;
/** Statuses whose path went through "assign" and "accept_complete": a member and the clock. */
const ACCEPTED: ApplicationStatus[] = [
  'under_review',
  'ready_for_issuance',
  'issued',
  'closed',
  'refused',
];

type Move = [event: ApplicationEventType, actor: ActorRole];

/** How an application reached each status after its submission (the `submit` event first). */
const SUBMITTED: Move[] = [['submit', 'resident']];
const PAID: Move[] = [...SUBMITTED, ['payment_settled', 'system']];
const CHECKING: Move[] = [...PAID, ['start_completeness_check', 'intake']];
const REVIEWING: Move[] = [...CHECKING, ['assign', 'intake'], ['accept_complete', 'intake']];
const APPROVED: Move[] = [...REVIEWING, ['approve', 'examiner']];
const ISSUED: Move[] = [...APPROVED, ['issue', 'examiner']];

/** Each status: its share of the bulk applications (%) and its path from the draft. */
const MIX: Record<ApplicationStatus, { share: number; path: Move[] }> = {
  draft: { share: 8, path: [] },
  payment_required: { share: 3, path: SUBMITTED },
  submitted: { share: 4, path: PAID },
  completeness_review: { share: 5, path: CHECKING },
  information_required: { share: 4, path: [...CHECKING, ['request_information', 'intake']] },
  under_review: { share: 10, path: REVIEWING },
  ready_for_issuance: { share: 3, path: APPROVED },
  issued: { share: 33, path: ISSUED },
  closed: { share: 20, path: [...ISSUED, ['close', 'inspector']] },
  refused: { share: 3, path: [...REVIEWING, ['refuse', 'examiner']] },
  withdrawn: {
    share: 7,
    path: [...PAID, ['request_withdrawal', 'resident'], ['confirm_withdrawal', 'intake']],
  },
};

/** Statuses still in progress: created in the last 240 days; decided ones from 2023 on. */
const OPEN: ApplicationStatus[] = [
  'payment_required',
  'submitted',
  'completeness_review',
  'information_required',
  'under_review',
  'ready_for_issuance',
];

interface EventRow {
  status: ApplicationStatus;
  ord: number;
  length: number;
  type: ApplicationEventType;
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: ActorRole;
}

/** Every path's events, each move checked against the status machine. */
function eventRows(): EventRow[] {
  const rows: EventRow[] = [];
  for (const [status, { path }] of Object.entries(MIX) as [
    ApplicationStatus,
    (typeof MIX)[ApplicationStatus],
  ][]) {
    let from: ApplicationStatus = 'draft';
    path.forEach(([event, actor], i) => {
      const facts: TransitionFacts = {
        feeDueCents: 1,
        withdrawalRequested: event === 'confirm_withdrawal',
        inspectionsDone: true,
      };
      const move = allowedTransition(from, event, actor, facts);
      if (!move) throw new Error(`the bench's ${status} path: ${from} --${event}--> refused`);
      rows.push({ status, ord: i + 1, length: path.length, type: event, from, to: move.to, actor });
      from = move.to;
    });
    if (from !== status) throw new Error(`the bench's ${status} path ends at ${from}`);
  }
  return rows;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(q).join(', ')}]`;

const STREETS = [
  'avenue Laurier Ouest',
  'rue Rideau',
  'Bank Street',
  'rue Principale',
  'Carling Avenue',
  'boulevard Saint-Joseph',
  'Merivale Road',
  'rue Montréal',
  'Richmond Road',
  'chemin de Montréal',
  'Elgin Street',
  'promenade Sussex',
  'Baseline Road',
  'rue Beechwood',
  'Woodroffe Avenue',
  'Innes Road',
];
const POSTAL_CODES = ['K1P 1J1', 'K1N 5Y3', 'K2P 1X5', 'K1Z 7L1', 'K2C 3G7', 'K1L 5B4', 'K1J 7T1'];
const FIRST_NAMES = ['Marie', 'Luc', 'Aisha', 'Nathan', 'Chloé', 'Wei', 'Olivier', 'Fatima'];
const LAST_NAMES = ['Tremblay', 'Gagnon', 'Roy', 'Smith', 'Nguyen', 'Côté', 'Singh', 'Bouchard'];

/** One step's answers as its form would have saved them (h: a per-application integer). */
function answersSql(): string {
  const pick = (values: readonly string[], salt: number) =>
    `(${textArray(values)})[1 + ((a.h / ${salt}) % ${values.length})]`;
  const applicant = `'applicantRole', case when a.h % 8 = 0 then 'agent' else 'owner' end,
      'ownerName', case when a.h % 8 = 0 then ${pick(FIRST_NAMES, 3)} || ' ' || ${pick(LAST_NAMES, 5)} else '' end,
      'ownerAddress', case when a.h % 8 = 0 then a.civic || ' ' || a.street || ', Ottawa' else '' end,
      'ownerPhone', case when a.h % 8 = 0 then '613 555 ' || lpad((a.h % 10000)::text, 4, '0') else '' end,
      'ownerEmail', case when a.h % 8 = 0 then 'proprietaire' || a.h || '@example.ca' else '' end`;
  return `case st.step
    when 'gettingStarted' then jsonb_build_object(
      'projectDescription', ${pick(['house', 'accessoryBuilding', 'deckPorchSunroom', 'poolEnclosure', 'finishedBasement', 'secondaryDwelling'], 1)},
      'buildingType', ${pick(['detached', 'semiDetached', 'townhouse', 'other'], 7)},
      'workScope', ${pick(['newConstruction', 'addition', 'alteration', 'demolition'], 11)})
    when 'applicant' then jsonb_build_object(${applicant})
    when 'location' then jsonb_build_object(
      'civicNumber', a.civic, 'street', a.street, 'unit', '',
      'sitePostalCode', ${pick(POSTAL_CODES, 13)}, 'lot', '', 'registeredPlan', '')
    when 'workDetails' then jsonb_build_object(
      'workDescription', ${pick(['Agrandissement arrière de la maison', 'Construction d’une terrasse en bois', 'Finition du sous-sol avec une chambre', 'New detached garage', 'Interior alterations to the kitchen and a bearing wall', 'Logement secondaire au sous-sol'], 17)},
      'constructionValue', a.value_cents,
      'workArea', round((10 + a.h % 240 + (a.h % 100) / 100.0)::numeric, 2),
      'currentUse', 'Habitation', 'proposedUse', 'Habitation',
      'dwellingUnits', 1 + a.h % 2)
    when 'applicantPurpose' then jsonb_build_object(${applicant},
      'reportPurpose', ${pick(['sale', 'refinancing', 'other'], 19)},
      'reportPurposeOther', case when (a.h / 19) % 3 = 2 then 'Succession' else '' end,
      'propertyCategory', ${pick(['residentialSmall', 'residentialSmall', 'residentialSmall', 'residentialLarge'], 23)})
  end`;
}

/**
 * `count` applications of `count / 4` other residents (returned) (active accounts, the bench's password hash),
 * with their answers, versions and timelines. One transaction (the temporary tables live in its
 * connection); ANALYZE after, as autovacuum would have on a database that grew to this size.
 */
export async function seedOtherApplications(
  db: Db,
  input: { count: number; now: Date; passwordHash: string; termsVersion: string },
): Promise<number> {
  if (input.count <= 0) return 0;
  const residents = Math.max(1, Math.ceil(input.count / APPLICATIONS_PER_RESIDENT));
  const now = `${q(input.now.toISOString())}::timestamptz`;
  const events = eventRows();
  let cumulative = 0;
  const statusCase = (Object.entries(MIX) as [ApplicationStatus, { share: number }][])
    .map(([status, { share }]) => {
      cumulative += share;
      return `when r_status < ${cumulative / 100} then ${q(status)}`;
    })
    .join(' ');
  if (cumulative !== 100) throw new Error('the bench mix does not add up to 100 %');
  const steps = APPLICATION_TYPES.flatMap((type) =>
    type.steps.map((s, i) => `(${q(type.prefix)}, ${q(type.key)}, ${q(s.key)}, ${i + 1})`),
  ).join(', ');
  const forms = APPLICATION_TYPES.flatMap((type) =>
    formSteps(type).map((s) => `(${q(type.prefix)}, ${q(s.key)}, ${type.steps.indexOf(s) + 1})`),
  ).join(', ');
  const locationOrd = (prefix: string) => {
    const type = APPLICATION_TYPES.find((t) => t.prefix === prefix)!;
    return type.steps.findIndex((s) => s.key === type.addressStep) + 1;
  };

  await db.transaction(async (tx) => {
    const run = async (text: string) => {
      const started = performance.now();
      await tx.execute(sql.raw(text));
      if (process.env.BENCH_SEED_TIMES) {
        console.error(
          `${((performance.now() - started) / 1000).toFixed(2)} s ${text.slice(0, 60)}`,
        );
      }
    };
    await run(
      `create temporary table bench_steps (prefix text, type text, step text, ord int) on commit drop`,
    );
    await run(`insert into bench_steps values ${steps}`);
    await run(
      `create temporary table bench_forms (prefix text, step text, ord int) on commit drop`,
    );
    await run(`insert into bench_forms values ${forms}`);
    await run(
      `create temporary table bench_path (status text, ord int, length int, type text, from_status text, to_status text, actor text) on commit drop`,
    );
    await run(
      `insert into bench_path values ${events
        .map(
          (e) =>
            `(${q(e.status)}, ${e.ord}, ${e.length}, ${q(e.type)}, ${q(e.from)}, ${q(e.to)}, ${q(e.actor)})`,
        )
        .join(', ')}`,
    );

    await run(
      `create temporary table bench_residents on commit drop as
       select n, gen_random_uuid() as id from generate_series(1, ${residents}) n`,
    );
    await run(
      `insert into users (id, email, password_hash, status, locale, terms_version, accepted_terms_at, activated_at, created_at)
       select id, 'bench.resident' || n || '@example.ca', ${q(input.passwordHash)}, 'active',
         case when n % 3 = 0 then 'en' else 'fr' end, ${q(input.termsVersion)},
         ${now} - (n % 1000) * interval '1 day', ${now} - (n % 1000) * interval '1 day',
         ${now} - (n % 1000) * interval '1 day'
       from bench_residents`,
    );

    // The City's staff the applications are assigned to: never signed in (no password).
    await run(
      `create temporary table bench_staff on commit drop as
       select n, gen_random_uuid() as id from generate_series(1, ${BULK_STAFF}) n`,
    );
    await run(
      `insert into staff_members (id, email, name, role, created_at)
       select id, 'bench.agent' || n || '@ottawa.ca',
         ${`(${textArray(FIRST_NAMES)})[1 + n % ${FIRST_NAMES.length}]`} || ' ' || ${`(${textArray(LAST_NAMES)})[1 + (n / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}]`} || ' ' || n,
         case when n % 4 = 0 then 'intake' when n % 10 = 1 then 'admin' else 'examiner' end,
         timestamptz '2023-01-02 14:00:00+00'
       from bench_staff`,
    );

    // One row per application: who, which type and status, when (drafts within their 60 days).
    await run(
      `create temporary table bench_apps on commit drop as
       with g as (
         select g, random() as r_status, random() as r_type, random() as r_time, random() as r_step
         from generate_series(1, ${input.count}) g
       ), s as (
         select g, r_time, r_step,
           case when r_type < 0.7 then 'CON' else 'RCO' end as prefix,
           case ${statusCase} end as status
         from g
       ), t as (
         select s.*,
           case
             when status = 'draft' then ${now} - r_time * interval '${DRAFT_RETENTION_DAYS - 1} days'
             when status in (${OPEN.map(q).join(', ')}) then ${now} - interval '2 days' - r_time * interval '240 days'
             else timestamptz '2023-01-05 14:00:00+00' + r_time * (${now} - interval '45 days' - timestamptz '2023-01-05 14:00:00+00')
           end as created_at
         from s
       )
       select t.g, t.prefix, t.status, t.created_at, gen_random_uuid() as id,
         t.prefix || '-' || extract(year from t.created_at at time zone 'UTC')::int || '-' ||
           lpad(row_number() over (partition by t.prefix, extract(year from t.created_at at time zone 'UTC') order by t.created_at)::text, 6, '0') as reference,
         r.id as user_id,
         (t.g * 2654435761) % 1000003 as h,
         (1 + (t.g * 7) % 399)::text as civic,
         (${textArray(STREETS)})[1 + (t.g / 3) % ${STREETS.length}] as street,
         ((5 + (t.g * 31) % 600) * 100000)::bigint as value_cents,
         -- A draft has saved the steps before the one it resumes at (at least one); others all.
         case when t.status = 'draft'
           then 2 + floor(t.r_step * ((select max(ord) from bench_steps b where b.prefix = t.prefix) - 1))::int
           else (select max(ord) from bench_steps b where b.prefix = t.prefix) end as resume_ord
       from t join bench_residents r on r.n = 1 + t.g % ${residents}`,
    );
    await run(
      `alter table bench_apps add column submitted_at timestamptz, add column status_changed_at timestamptz,
         add column last_saved_at timestamptz, add column fee_cents int`,
    );
    await run(
      `update bench_apps set
         last_saved_at = case when status = 'draft'
           then created_at + (${now} - created_at) * ((h % 100) / 100.0)
           -- Submitted a few hours to three days after it was started, and a day ago at the latest.
           else least(${now} - interval '1 day', created_at + interval '1 hour' * (1 + h % 72)) end,
         fee_cents = case when status = 'draft' then null
           when prefix = 'CON' then greatest(9800, round(value_cents * 1075 / 100000.0))::int
           when (h / 23) % 4 = 3 then 67900 else 26500 end`,
    );
    await run(
      `update bench_apps set
         submitted_at = case when status = 'draft' then null else last_saved_at end,
         status_changed_at = case when status = 'draft' then created_at
           when status = 'payment_required' then last_saved_at
           -- Up to four months from the submission to the last change of status.
           else least(${now} - interval '1 hour', last_saved_at + interval '1 day' * (2 + h % 120)) end`,
    );

    // Accepted ones (their path went through "assign" and "accept_complete") have a member and
    // the City's clock: accepted when they reached "En examen" (their last change when they are
    // still there), due 14 to 43 days later (10 to 30 business days); a few in completeness
    // review are assigned already. The due day is as refreshDecisionDue would have stored it.
    await run(
      `insert into applications (id, reference, user_id, type, status, current_step, site_address, fee_cents,
         created_at, last_saved_at, status_changed_at, submitted_at, withdrawal_requested_at,
         assigned_to, accepted_on, decision_due_on)
       select a.id, a.reference, a.user_id, st.type, a.status, st.step,
         case when a.resume_ord > (case a.prefix ${['CON', 'RCO'].map((p) => `when ${q(p)} then ${locationOrd(p)}`).join(' ')} end)
           then a.civic || ' ' || a.street end,
         a.fee_cents, a.created_at, a.last_saved_at, a.status_changed_at, a.submitted_at,
         case when a.status = 'withdrawn' then a.status_changed_at - interval '2 days' end,
         case when a.status in (${ACCEPTED.map(q).join(', ')}) or (a.status = 'completeness_review' and a.h % 3 = 0)
           then (select s.id from bench_staff s where s.n = 1 + (a.h / 7) % ${BULK_STAFF}) end,
         acc.accepted_on,
         acc.accepted_on + (14 + a.h % 30)::int
       from bench_apps a join bench_steps st on st.prefix = a.prefix and st.ord = a.resume_ord
         left join lateral (
           select ((case when a.status = 'under_review' then a.status_changed_at
               else a.submitted_at + (a.status_changed_at - a.submitted_at) * 0.5 end)
             at time zone 'America/Toronto')::date as accepted_on
           where a.status in (${ACCEPTED.map(q).join(', ')})
         ) acc on true`,
    );
    await run(
      `insert into application_answers (application_id, step, answers, saved_at)
       select a.id, st.step, ${answersSql()},
         least(a.last_saved_at, a.created_at + interval '10 minutes' * (st.ord - 1))
       from bench_apps a join bench_forms st on st.prefix = a.prefix and st.ord < a.resume_ord`,
    );
    await run(
      `insert into application_versions (application_id, version, answers, applicant, fee_cents, submitted_at)
       select a.id, 1, (select jsonb_object_agg(aa.step, aa.answers) from application_answers aa where aa.application_id = a.id),
         jsonb_build_object('firstName', ${`(${textArray(FIRST_NAMES)})[1 + (a.h / 3) % ${FIRST_NAMES.length}]`},
           'lastName', ${`(${textArray(LAST_NAMES)})[1 + (a.h / 5) % ${LAST_NAMES.length}]`},
           'communicationLanguage', 'fr', 'phone', '613 555 ' || lpad((a.h % 10000)::text, 4, '0'),
           'email', 'bench.resident' || a.g || '@example.ca'),
         a.fee_cents, a.submitted_at
       from bench_apps a where a.status <> 'draft'`,
    );
    // The timeline: the draft's creation, then the path to its status, spread from the
    // submission to the last change of status.
    await run(
      `insert into application_events (application_id, type, from_status, to_status, actor_role, actor_id, occurred_at, detail)
       select application_id, type, from_status, to_status, actor_role, actor_id, occurred_at, detail
       from (
         select a.id as application_id, 0 as ord, 'create' as type, null as from_status,
           'draft' as to_status, 'resident' as actor_role, a.user_id as actor_id,
           a.created_at as occurred_at, null::jsonb as detail
         from bench_apps a
         union all
         select a.id, p.ord, p.type, p.from_status, p.to_status, p.actor,
           case when p.actor = 'resident' then a.user_id end,
           case when p.length = 1 then a.submitted_at
             else a.submitted_at + (a.status_changed_at - a.submitted_at) * ((p.ord - 1)::float / (p.length - 1)) end,
           case when p.type = 'submit' then jsonb_build_object('version', 1, 'feeCents', a.fee_cents) end
         from bench_apps a join bench_path p on p.status = a.status
       ) timeline
       -- seq (bigserial) follows the insert's order: each timeline in its order.
       order by application_id, ord`,
    );
    await run(
      `insert into application_counters (prefix, year, last)
       select prefix, extract(year from created_at at time zone 'UTC')::int, count(*) from bench_apps group by 1, 2
       on conflict (prefix, year) do update set last = greatest(application_counters.last, excluded.last)`,
    );
  });
  for (const table of [
    'users',
    'staff_members',
    'applications',
    'application_answers',
    'application_versions',
    'application_events',
    'application_counters',
  ]) {
    await db.execute(sql.raw(`analyze ${table}`));
  }
  return residents;
}

/** A complete construction permit and compliance report, as each step's form saves them. */
const PERMIT = {
  gettingStarted: { projectDescription: 'house', buildingType: 'detached', workScope: 'addition' },
  applicant: {
    applicantRole: 'owner',
    ownerName: '',
    ownerAddress: '',
    ownerPhone: '',
    ownerEmail: '',
  },
  location: {
    civicNumber: '110',
    street: 'avenue Laurier Ouest',
    unit: '',
    sitePostalCode: 'K1P 1J1',
    lot: '',
    registeredPlan: '',
  },
  workDetails: {
    workDescription: 'Agrandissement arrière de deux étages avec une chambre et une salle de bain',
    constructionValue: 25_000_000,
    workArea: 24.5,
    currentUse: 'Maison unifamiliale',
    proposedUse: 'Maison unifamiliale',
    dwellingUnits: 1,
  },
};
const REPORT = {
  location: { ...PERMIT.location, civicNumber: '42', street: 'rue Beechwood' },
  applicantPurpose: {
    ...PERMIT.applicant,
    reportPurpose: 'sale',
    reportPurposeOther: '',
    propertyCategory: 'residentialSmall',
  },
};

/**
 * The bench resident's eight applications, through the portal's own functions on a clock set
 * back in time: three drafts (one step, all steps, a compliance report), one awaiting payment,
 * one under review after a request for information (the application page's scenario: a version
 * and eight events), one issued, one withdrawn, one awaiting information. Returns the reference of
 * the one under review.
 */
export async function seedResidentApplications(
  base: Deps,
  input: { userId: string; applicant: Record<string, string> },
): Promise<string> {
  const realNow = base.now();
  let at = realNow;
  const deps: Deps = { ...base, now: () => at };
  const daysAgo = (days: number) => {
    at = new Date(realNow.getTime() - days * 86_400_000);
  };
  const later = (hours: number) => {
    at = new Date(at.getTime() + hours * 3_600_000);
  };
  const { userId } = input;

  async function fill(
    typeKey: string,
    answers: Record<string, Record<string, string | number>>,
    stepCount = Infinity,
  ): Promise<string> {
    let reference: string | null = null;
    for (const [step, stepAnswers] of Object.entries(answers).slice(0, stepCount)) {
      const saved = await saveApplicationStep(deps, {
        userId,
        locale: 'fr',
        typeKey,
        reference,
        step,
        answers: stepAnswers,
        advance: true,
      });
      if (saved.status !== 'ok') throw new Error(`bench seed: ${typeKey} ${step}: ${saved.status}`);
      reference = saved.reference;
      later(0.2);
    }
    return reference!;
  }
  // The required drawings, one small PDF each, as the Documents step would store them.
  const documents = {
    db: deps.db,
    now: () => at,
    storage: new FsStorage(path.join(os.tmpdir(), `monso-bench-uploads-${process.pid}`)),
    scanner: noScanner,
  };
  async function attachRequiredDocuments(reference: string) {
    const view = await loadApplication(deps.db, userId, reference);
    const type = findTypeByPrefix(reference.slice(0, 3));
    if (!view || !type) throw new Error(`bench seed: ${reference} not found`);
    for (const item of missingRequiredItems(type, view.answers, [])) {
      const stored = await uploadDocument(documents, {
        userId,
        reference,
        item,
        fileName: `${item}.pdf`,
        stream: Readable.from([
          Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        ]),
      });
      if (stored.status !== 'stored') throw new Error(`bench seed: ${item}: ${stored.status}`);
    }
  }
  async function submit(reference: string) {
    await attachRequiredDocuments(reference);
    const result = await submitApplication(deps, {
      userId,
      reference,
      declaration: {
        text: 'Je déclare que les renseignements fournis dans cette demande sont exacts et complets.',
        locale: 'fr',
      },
      applicant: input.applicant,
    });
    if (result.status !== 'ok')
      throw new Error(`bench seed: submit ${reference}: ${result.status}`);
  }
  async function move(
    reference: string,
    event: ApplicationEventType,
    role: ActorRole,
    facts: TransitionFacts = {},
  ) {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: applications.id, status: applications.status })
        .from(applications)
        .where(and(eq(applications.reference, reference), eq(applications.userId, userId)))
        .for('update');
      if (!row) throw new Error(`bench seed: no ${reference}`);
      const moved = await transitionApplication(tx, {
        application: { id: row.id, status: row.status as ApplicationStatus },
        event,
        actor: { role, id: role === 'resident' ? userId : null },
        facts,
        now: at,
      });
      if (moved.status !== 'ok') throw new Error(`bench seed: ${reference} ${event} refused`);
    });
  }
  async function steps(reference: string, moves: [number, ApplicationEventType, ActorRole][]) {
    for (const [hours, event, role] of moves) {
      later(hours);
      await move(reference, event, role, {
        requestedFrom: 'completeness_review',
        withdrawalRequested: event === 'confirm_withdrawal',
        inspectionsDone: true,
      });
    }
  }
  const checked: [number, ApplicationEventType, ActorRole][] = [
    [2, 'payment_settled', 'system'],
    [70, 'start_completeness_check', 'intake'],
  ];

  daysAgo(200);
  const issued = await fill('constructionPermit', PERMIT);
  await submit(issued);
  await steps(issued, [
    ...checked,
    [50, 'accept_complete', 'intake'],
    [200, 'approve', 'examiner'],
    [30, 'issue', 'examiner'],
  ]);

  daysAgo(90);
  const withdrawn = await fill('complianceReport', REPORT);
  await submit(withdrawn);
  await steps(withdrawn, [[1, 'payment_settled', 'system']]);
  later(48);
  if ((await requestWithdrawal(deps, { userId, reference: withdrawn })) !== 'ok') {
    throw new Error('bench seed: withdrawal refused');
  }
  await steps(withdrawn, [[20, 'confirm_withdrawal', 'intake']]);

  daysAgo(50);
  const reviewed = await fill('constructionPermit', PERMIT);
  await submit(reviewed);
  await steps(reviewed, [
    ...checked,
    [20, 'request_information', 'intake'],
    [96, 'respond', 'resident'],
    [30, 'assign', 'intake'],
    [50, 'accept_complete', 'intake'],
  ]);

  daysAgo(40);
  await fill('complianceReport', REPORT, 1);

  daysAgo(20);
  const informationRequired = await fill('complianceReport', REPORT);
  await submit(informationRequired);
  await steps(informationRequired, [...checked, [30, 'request_information', 'intake']]);

  daysAgo(12);
  await fill('constructionPermit', PERMIT);

  daysAgo(5);
  await submit(await fill('constructionPermit', PERMIT));

  daysAgo(3);
  await fill('constructionPermit', PERMIT, 1);
  return reviewed;
}
