/**
 * One suite per server: the baseline, and the portal (on the embedded database or on PostgreSQL
 * through the production driver). Each starts its server (timing the cold start), runs the
 * scenarios, counts SQL, measures First Load JS and memory after load, and stops it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { captureJsLogin } from './capture';
import { BASELINE_DIR, TSX_CLI, ipGenerator, type Mode } from './config';
import { firstLoadJs, type FirstLoadJs } from './first-load-js';
import {
  BUILDING_HOME_PATH,
  CREATE_ACCOUNT_PATH,
  DASHBOARD_PATH,
  LOGIN_PATH,
  STAFF_COOKIE,
  STAFF_QUEUE_PATH,
  applicationPath,
  fetchActionFields,
  signIn,
} from './forms';
import { loadScenario, type LoadSummary } from './load';
import { summarizeProfile } from './profile';
import { baselineScenarios, portalScenarios, type Scenario } from './scenarios';
import type { SeededUsers } from './seed';
import { coldStarts, procStats, type MemoryAfterGc, type Server, type ServerSpec } from './servers';
import { countSql, type SqlCount } from './sql-count';

export interface ScenarioResult {
  key: string;
  label: string;
  expected: string;
  loads: LoadSummary[];
  sql?: SqlCount;
}

export interface RouteSize extends FirstLoadJs {
  route: string;
  path: string;
}

export interface ServerResult {
  name: string;
  kind: 'baseline' | 'portal';
  coldStartMs: number[];
  /** Spawn → the database answers (portal only): it may open after the first page answered. */
  dbReadyMs: number[];
  /** Right after the cold start, before any load. */
  rssIdleKb: number;
  rssAfterLoadKb: number;
  peakRssKb: number;
  /** After the load and two full garbage collections. */
  afterGc: MemoryAfterGc;
  firstLoadJs: RouteSize[];
  scenarios: ScenarioResult[];
  /** The hottest functions of the CPU profile, when --cpu-prof was given. */
  profile?: string;
  /** Portal only: other residents' applications in its database, and their insert's seconds. */
  seeded?: SeededUsers['otherApplications'];
}

export interface SuiteOptions {
  mode: Mode;
  /** Scenario keys to run (all when empty). */
  only: string[];
  /** A folder to write the server's CPU profile to (--cpu-prof). */
  cpuProfDir?: string;
}

async function runScenarios(
  server: Server,
  scenarios: Scenario[],
  opts: SuiteOptions,
  sqlFile?: string,
): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (opts.only.length > 0 && !opts.only.includes(scenario.key)) continue;
    const loads = await loadScenario(server.base, scenario, {
      connections: opts.mode.connections,
      rounds: opts.mode.rounds,
      durationS: opts.mode.durationS,
      warmupS: opts.mode.warmupS,
      serverPid: server.pid,
    });
    const sql = sqlFile
      ? await countSql(server.base, scenario, sqlFile, opts.mode.sqlSamples)
      : undefined;
    if (sql) console.log(`  ${scenario.key.padEnd(22)} SQL ${sql.perRequest.toFixed(2)}/request`);
    out.push({ key: scenario.key, label: scenario.label, expected: scenario.expected, loads, sql });
  }
  return out;
}

async function finish(
  server: Server,
  result: Omit<ServerResult, 'rssAfterLoadKb' | 'peakRssKb' | 'afterGc' | 'profile'>,
  cpuProfDir: string | undefined,
): Promise<ServerResult> {
  const stats = procStats(server.pid);
  const afterGc = await server.memoryAfterGc();
  await server.stop();
  // A probe that stopped answering would leave the report's columns empty without a word.
  if (!afterGc) throw new Error(`${result.name}: bench/memory-probe.cjs did not answer SIGUSR2`);
  let profile: string | undefined;
  if (cpuProfDir) {
    const file = fs
      .readdirSync(cpuProfDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(cpuProfDir, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    if (file) {
      profile = `${file}\n${summarizeProfile(file)}`;
      console.log(`CPU profile of ${result.name}: ${profile}`);
    }
  }
  return {
    ...result,
    rssAfterLoadKb: stats.rssKb,
    peakRssKb: stats.peakRssKb,
    afterGc,
    profile,
  };
}

/** Node flags for the last server start (--cpu-prof is refused in NODE_OPTIONS). */
function cpuProfArgs(dir: string | undefined): string[] {
  if (!dir) return [];
  fs.mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

export async function baselineSuite(port: number, opts: SuiteOptions): Promise<ServerResult> {
  console.log('baseline: cold start');
  const spec: ServerSpec = {
    name: 'baseline',
    dir: BASELINE_DIR,
    port,
    env: { ...process.env },
    readyPath: '/form',
  };
  const { samples, server } = await coldStarts(
    spec,
    opts.mode.coldStarts,
    cpuProfArgs(opts.cpuProfDir),
  );
  const rssIdleKb = procStats(server.pid).rssKb;
  const scenarios = await runScenarios(server, baselineScenarios(), opts);
  const firstLoad: RouteSize[] = [];
  for (const [route, p] of [
    ['static page', '/'],
    ['dynamic page (form)', '/form'],
  ] as const) {
    firstLoad.push({ route, path: p, ...(await firstLoadJs(server.base, p)) });
  }
  return finish(
    server,
    {
      name: 'baseline',
      kind: 'baseline',
      coldStartMs: samples,
      dbReadyMs: [],
      rssIdleKb,
      firstLoadJs: firstLoad,
      scenarios,
    },
    opts.cpuProfDir,
  );
}

/** Seeds the database in a child process that exits (closing it) before the server starts. */
function seed(env: NodeJS.ProcessEnv, out: string, otherApplications: number): SeededUsers {
  const run = spawnSync(process.execPath, [TSX_CLI, 'bench/seed.ts', out], {
    env: { ...env, BENCH_OTHER_APPLICATIONS: String(otherApplications) },
    // stdout carries one JSON line per security event: not needed here.
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`seeding failed:\n${run.stderr}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as SeededUsers;
}

const SQL_COUNT_PRELOAD = path.join(import.meta.dirname, 'sql-count-preload.cjs');

/** Where a portal suite's SQL statements are logged while they are counted. */
export function sqlCountFile(work: string, suiteName: string): string {
  return path.join(work, `sql-${suiteName.replace(/\W+/g, '-')}.log`);
}

export async function portalSuite(
  name: string,
  port: number,
  env: NodeJS.ProcessEnv,
  work: string,
  opts: SuiteOptions,
): Promise<ServerResult> {
  const slug = name.replace(/\W+/g, '-');
  const sqlFile = sqlCountFile(work, name);
  // On the embedded database the server logs its statements itself (a preload, bench-only); on
  // PostgreSQL the WebSocket bridge does, started with the same file (bench/run.ts).
  const serverEnv: NodeJS.ProcessEnv = {
    ...env,
    MONSO_SQL_COUNT_FILE: sqlFile,
    NODE_OPTIONS: [env.NODE_OPTIONS, `--require ${SQL_COUNT_PRELOAD}`].filter(Boolean).join(' '),
  };
  console.log(`${name}: seeding`);
  const seedStarted = performance.now();
  const users = seed(env, path.join(work, `users-${slug}.json`), opts.mode.otherApplications);
  console.log(
    `  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s, of which ` +
      `${users.otherApplications.count} applications of other residents in ` +
      `${users.otherApplications.seconds.toFixed(1)} s`,
  );

  console.log(`${name}: cold start`);
  const spec: ServerSpec = {
    name,
    port,
    env: serverEnv,
    readyPath: LOGIN_PATH,
    dbReadyPath: '/api/health',
  };
  const { samples, dbReady, server } = await coldStarts(
    spec,
    opts.mode.coldStarts,
    cpuProfArgs(opts.cpuProfDir),
  );
  const rssIdleKb = procStats(server.pid).rssKb;

  const nextIp = ipGenerator();
  const base = server.base;
  const ctx = {
    base,
    users,
    dashboardSession: () => signIn(base, users.dashboard, users.password, nextIp()),
    registeredSession: () => signIn(base, users.registered, users.password, nextIp()),
    loginFields: await fetchActionFields(base, LOGIN_PATH, nextIp()),
    createFields: await fetchActionFields(base, CREATE_ACCOUNT_PATH, nextIp()),
    jsLogin: await captureJsLogin(base, users.login[0]!, users.password, nextIp()),
    nextIp,
    runId: `${Date.now().toString(36)}${slug.length}`,
  };
  const scenarios = await runScenarios(server, portalScenarios(ctx), opts, sqlFile);

  const firstLoad: RouteSize[] = [];
  for (const [route, p, cookie] of [
    ['login', LOGIN_PATH, undefined],
    ['create account', CREATE_ACCOUNT_PATH, undefined],
    ['dashboard (signed in)', DASHBOARD_PATH, await ctx.dashboardSession()],
    ['Building Code Services home', BUILDING_HOME_PATH, await ctx.registeredSession()],
    ['an application', applicationPath(users.application), await ctx.registeredSession()],
    ['work queue (staff)', STAFF_QUEUE_PATH, `${STAFF_COOKIE}=${users.staffToken}`],
  ] as const) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    firstLoad.push({ route, path: p, ...(await firstLoadJs(base, p, headers)) });
  }
  return finish(
    server,
    {
      name,
      kind: 'portal',
      coldStartMs: samples,
      dbReadyMs: dbReady,
      rssIdleKb,
      firstLoadJs: firstLoad,
      scenarios,
      seeded: users.otherApplications,
    },
    opts.cpuProfDir,
  );
}
