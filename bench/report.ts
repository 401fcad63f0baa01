/**
 * bench/RESULTS.md: the budgets (PASS/MISS), the figures and their ratios to the baseline, with
 * the date and the machine. Formatted with the repository's Prettier settings, so
 * `npm run format:check` accepts the file as written.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import prettier from 'prettier';
import type { Argon2Result } from './argon2';
import type { UploadMemoryResult } from './upload-memory';
import { evaluateBudgets, type BudgetValue } from './budgets';
import type { Mode } from './config';
import { median } from './load';
import type { ServerResult } from './suites';

export interface Machine {
  cpus: number;
  model: string;
  memGiB: number;
  node: string;
  next: string;
  kernel: string;
  /** 1-minute load average when the bench started: other work on the machine skews figures. */
  loadAvg: number;
  /** The commit measured, and the files that differed from it (the bench's own left out). */
  commit: string;
  uncommitted: string[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

export interface BenchReport {
  date: Date;
  mode: Mode;
  machine: Machine;
  command: string;
  durationS: number;
  argon2: Argon2Result;
  /** One 30 MB document upload through uploadDocument and the fs driver (issue 17). */
  uploadMemory: UploadMemoryResult;
  baseline: ServerResult;
  portals: ServerResult[];
}

export function machineInfo(): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  const next = (
    JSON.parse(fs.readFileSync('node_modules/next/package.json', 'utf8')) as { version: string }
  ).version;
  return {
    cpus: os.availableParallelism(),
    model,
    memGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    next,
    kernel: `${os.type()} ${os.release()}`,
    loadAvg: os.loadavg()[0] ?? 0,
    // BENCH_COMMIT: the commit an exported (non-git) copy of the tree was taken from.
    commit: git(['rev-parse', '--short', 'HEAD']).trim() || process.env.BENCH_COMMIT || 'unknown',
    uncommitted: git(['status', '--porcelain'])
      .split('\n')
      .map((l) => l.slice(3).trim())
      .filter((f) => f && !f.startsWith('bench/')),
  };
}

/** "Other CPU" above this (in % of the machine) makes a load run's figures untrustworthy. */
const NOISY_PCT = 20;

const fmt = {
  rps: (v: number) => (!Number.isFinite(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1)),
  ms: (v: number) => (!Number.isFinite(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1)),
  ratio: (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ×` : '–'),
  kb: (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`,
  mib: (kb: number) => `${(kb / 1024).toFixed(0)} MiB`,
  s: (ms: number) => `${(ms / 1000).toFixed(2)} s`,
};

function verdict(v: BudgetValue): string {
  if (v.pass === null) return v.text;
  return `**${v.pass ? 'PASS' : 'MISS'}** ${v.text}`;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * bench/CHANGES.md without its title, its headings one level down: each change that moved the
 * figures, with the figures before and after, kept by hand since a run only knows its own.
 */
function changeLog(file = 'bench/CHANGES.md'): string {
  if (!fs.existsSync(file)) return '';
  return fs
    .readFileSync(file, 'utf8')
    .replace(/^# .*\n+/, '')
    .replace(/^(#{2,5}) /gm, '#$1 ')
    .trim();
}

export async function renderReport(r: BenchReport): Promise<string> {
  const { mode, machine, baseline, portals, argon2 } = r;
  const dynamicRps = (c: number) =>
    baseline.scenarios
      .find((s) => s.key === 'baseline-dynamic')
      ?.loads.find((l) => l.connections === c)?.rps ?? NaN;
  const out: string[] = [];

  out.push('# Benchmark results');
  out.push(
    [
      `Run ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${r.command}\` ` +
        `(${mode.smoke ? 'smoke mode' : 'full run'}, ${Math.round(r.durationS)} s in all) on ` +
        `commit ${machine.commit}` +
        (machine.uncommitted.length > 0
          ? ` plus uncommitted changes to ${machine.uncommitted.map((f) => `\`${f}\``).join(', ')}.`
          : '.'),
      '',
      `Machine: ${machine.cpus} × ${machine.model} (\`nproc\` ${machine.cpus}), ` +
        `${machine.memGiB.toFixed(0)} GiB RAM, ${machine.kernel}; Node ${machine.node}; ` +
        `Next.js ${machine.next}. Load average when the run started: ${machine.loadAvg.toFixed(2)}.`,
      '',
      `Load: autocannon from the bench process, ${mode.warmupS} s warm-up per scenario, then ` +
        `${mode.rounds} round(s) of ${mode.durationS} s at ${mode.connections.join(' and ')} ` +
        'connections; the tables give the median round. Servers: `next start` of production ' +
        'builds on this machine, sharing its cores with the load tool.',
    ].join('\n'),
  );

  // ---- budgets
  const noisy = [baseline, ...portals].flatMap((server) =>
    server.scenarios.flatMap((s) =>
      s.loads
        .filter((l) => l.otherCpuPct > NOISY_PCT)
        .map((l) => `${server.name} ${s.key} (${l.connections} conn.)`),
    ),
  );
  if (argon2.otherCpuPct > NOISY_PCT) noisy.push('the argon2id measurement');
  if (noisy.length > 0) {
    out.push(
      `**Warning:** other processes used more than ${NOISY_PCT} % of the machine during ` +
        `${noisy.length} measurement(s) (marked ⚠ below: ${noisy.join(', ')}). Their figures, and ` +
        'the ratios built on them, are low or high by an unknown amount: rerun on a quiet machine.',
    );
  }

  out.push('## Budgets');
  const budgets = evaluateBudgets(baseline, portals, argon2);
  out.push(
    table(
      ['Budget', 'Target', ...portals.map((p) => p.name)],
      budgets.map((b) => [b.budget, b.target, ...b.values.map(verdict)]),
    ),
  );
  const missed = budgets.flatMap((b) =>
    b.values.flatMap((v, i) => (v.pass === false ? [`${b.budget} (${portals[i]!.name})`] : [])),
  );
  out.push(missed.length === 0 ? 'Every budget passes.' : `Missed: ${missed.join('; ')}.`);

  // ---- load
  out.push('## Load');
  const loadRows: string[][] = [];
  for (const server of [baseline, ...portals]) {
    for (const s of server.scenarios) {
      for (const l of s.loads) {
        loadRows.push([
          s.label,
          server.name,
          String(l.connections),
          fmt.rps(l.rps),
          fmt.ratio(l.rps / dynamicRps(l.connections)),
          fmt.ms(l.p50),
          fmt.ms(l.p99),
          Number.isFinite(l.cpuMsPerReq) ? l.cpuMsPerReq.toFixed(2) : '–',
          s.sql ? s.sql.perRequest.toFixed(2) : '–',
          String(l.errors),
          String(l.unexpected),
          `${l.otherCpuPct.toFixed(0)} %${l.otherCpuPct > NOISY_PCT ? ' ⚠' : ''}`,
        ]);
      }
    }
  }
  out.push(
    table(
      [
        'Scenario',
        'Server',
        'Conn.',
        'req/s',
        '× baseline dynamic',
        'p50 ms',
        'p99 ms',
        'Server CPU ms/req',
        'SQL/req',
        'Errors',
        'Unexpected',
        'Other CPU',
      ],
      loadRows,
    ),
  );
  out.push(
    [
      'Expected answers (anything else counts as unexpected):',
      '',
      ...portals[0]!.scenarios.map((s) => `- ${s.label}: ${s.expected}.`),
      '- Baseline pages and portal GETs: 200.',
      '',
      '"Other CPU": the share of the machine used during the round by processes other than the ' +
        'server and the bench (PostgreSQL and its bridge on the PostgreSQL runs; anything else is ' +
        `noise that lowers the figures), highest round; ⚠ above ${NOISY_PCT} %.`,
    ].join('\n'),
  );
  const samples = [baseline, ...portals].flatMap((server) =>
    server.scenarios.flatMap((s) =>
      s.loads
        .filter((l) => l.sample)
        .map((l) => `- ${server.name}, ${s.key}, ${l.connections} conn.: ${l.sample}`),
    ),
  );
  if (samples.length > 0)
    out.push(['Unexpected answers seen (one each):', '', ...samples].join('\n'));

  // ---- argon2
  out.push('## argon2id (lib/security/password-hash.ts)');
  out.push(
    table(
      ['', 'one at a time', `${argon2.concurrency} in flight (libuv pool)`],
      [
        ['hashes/s', fmt.rps(argon2.serialHashesPerS), fmt.rps(argon2.hashesPerS)],
        ['verifies/s', fmt.rps(argon2.serialVerifiesPerS), fmt.rps(argon2.verifiesPerS)],
        ['CPU ms per hash', '', argon2.hashCpuMs.toFixed(1)],
        ['CPU ms per verify', '', argon2.verifyCpuMs.toFixed(1)],
      ],
    ),
  );
  out.push(
    `Parameters: argon2id ${argon2.params}. Other processes used ` +
      `${argon2.otherCpuPct.toFixed(0)} % of the machine meanwhile` +
      `${argon2.otherCpuPct > NOISY_PCT ? ' ⚠' : ''}. The budgets compare with the "in flight" figures, ` +
      'the machine\'s ceiling for a server that does nothing else; their cross-check "by CPU ' +
      'time" divides the CPU time of one operation by the server\'s CPU time per request.',
  );

  // ---- one 30 MB upload
  const u = r.uploadMemory;
  const mb = (bytes: number) => `${(Math.max(bytes, 0) / (1024 * 1024)).toFixed(1)} MB`;
  out.push('## Memory of one 30 MB document upload (fs driver)');
  out.push(
    table(
      ['File', 'Outcome', 'Time', 'Live heap growth', 'Live buffers growth', 'RSS growth'],
      [
        [
          mb(u.fileBytes),
          u.status,
          `${u.seconds.toFixed(2)} s`,
          mb(u.liveHeapGrowth),
          mb(u.liveBuffersGrowth),
          mb(u.rssGrowth),
        ],
      ],
    ),
  );
  out.push(
    'One upload through `uploadDocument` (what the upload route runs per file) into the `fs` ' +
      'driver, its source 64 KiB chunks as busboy gives them, in a process of its own ' +
      '(`bench/upload-memory.ts`): the largest growth over the idle process, sampled after a ' +
      'full collection at each megabyte sent. A function that held the file would show 30 MB of ' +
      'buffers.',
  );

  // ---- First Load JS
  out.push('## First Load JS (gzip)');
  const baseForm = baseline.firstLoadJs.find((x) => x.path === '/form')?.bytes ?? NaN;
  const fljRows = [baseline, portals[0]!].flatMap((server) =>
    server.firstLoadJs.map((x) => [
      `${server.kind === 'baseline' ? 'baseline' : 'portal'}: ${x.route} (\`${x.path}\`)`,
      fmt.kb(x.bytes),
      String(x.files),
      server.kind === 'baseline' && x.path === '/form'
        ? '–'
        : `${x.bytes >= baseForm ? '+' : ''}${fmt.kb(x.bytes - baseForm)}`,
    ]),
  );
  out.push(table(['Route', 'First Load JS', 'Files', 'vs baseline dynamic'], fljRows));
  out.push(
    'Sum of the gzip (level 9) sizes of the scripts the served HTML loads (`<script src>` and ' +
      'script preloads under `/_next/static`, `nomodule` polyfills excluded).',
  );

  // ---- cold start and memory
  out.push('## Cold start and memory');
  out.push(
    table(
      [
        'Server',
        'Cold start (median)',
        'Samples',
        '× baseline',
        'Database ready',
        'RSS idle',
        'RSS after load',
        '× baseline',
        'Peak RSS',
        'After GC: RSS',
        'JS heap',
        'External',
      ],
      [baseline, ...portals].map((s) => [
        s.name,
        fmt.s(median(s.coldStartMs)),
        s.coldStartMs.map((v) => fmt.s(v)).join(', '),
        fmt.ratio(median(s.coldStartMs) / median(baseline.coldStartMs)),
        s.dbReadyMs.length > 0 ? fmt.s(median(s.dbReadyMs)) : '–',
        fmt.mib(s.rssIdleKb),
        fmt.mib(s.rssAfterLoadKb),
        fmt.ratio(s.rssAfterLoadKb / baseline.rssAfterLoadKb),
        fmt.mib(s.peakRssKb),
        fmt.mib(s.afterGc.rss / 1024),
        fmt.mib(s.afterGc.heapUsed / 1024),
        fmt.mib(s.afterGc.external / 1024),
      ]),
    ),
  );
  out.push(
    'RSS: resident memory of the server process (tree), idle right after the cold start and ' +
      'after all its scenarios; peak: the highest it reached. After GC: the same server once the ' +
      'load is over and two full garbage collections have run (`bench/memory-probe.cjs`, loaded ' +
      'into both apps): its RSS, the JavaScript heap in use, and external memory (buffers; the ' +
      "embedded database's WebAssembly memory). RSS after load also counts garbage V8 has not " +
      'collected yet and freed pages not given back to the system. ' +
      'Cold start: from spawning `next start` to the first 200 of the login page (baseline: its ' +
      'dynamic page), polled every 20 ms. Database ready: until `/api/health` (a `select 1`) ' +
      'answers 200, for the embedded database opens (and checks its migrations) at start-up. It ' +
      'runs inside the server process, so its memory and CPU count in the portal figures; on ' +
      "PostgreSQL they do not (the database and the WebSocket bridge standing in for Neon's " +
      'proxy are other processes).',
  );

  // ---- SQL
  const withSql = portals.flatMap((p) =>
    p.scenarios.filter((s) => s.sql).map((s) => [s.label, p.name, s.sql!.perRequest.toFixed(2)]),
  );
  if (withSql.length > 0) {
    out.push('## SQL statements per request');
    out.push(table(['Scenario', 'Server', 'Statements'], withSql));
    out.push(
      `Counted over ${mode.sqlSamples} sequential requests per scenario with ` +
        '`MONSO_SQL_COUNT_FILE` (one line per statement the portal sends: on PGlite from ' +
        '`bench/sql-count-preload.cjs` inside the server, on PostgreSQL read off the wire by the ' +
        "WebSocket bridge). On PostgreSQL the count includes a transaction's BEGIN and COMMIT; " +
        'PGlite runs them itself, unlogged.',
    );
    const first = portals[0]!;
    const examples = first.scenarios
      .filter((s) => s.sql && s.sql.example.length > 0)
      .map(
        (s) =>
          `${s.label}:\n\n${s.sql!.example.map((q) => `    ${q.replace(/\s+/g, ' ')}`).join('\n')}`,
      );
    if (examples.length > 0) {
      out.push(
        [
          `<details><summary>The statements of one request (${first.name}, first 120 characters)</summary>`,
          '',
          examples.join('\n\n'),
          '',
          '</details>',
        ].join('\n'),
      );
    }
  }

  // ---- the hand-kept log of what moved the figures, so every results file carries it
  const changes = changeLog();
  if (changes) {
    out.push('## Changes that moved the figures (bench/CHANGES.md)');
    out.push(changes);
  }

  // ---- reference and method
  out.push('## Reference');
  out.push(
    'Another app measured the same way: sign-in page 1.05 × a bare dynamic page; dashboard ' +
      '0.31–0.35 × (3.2 SQL/request); sign-in POST 5–6/s; First Load JS 121 kB against 100 kB ' +
      'bare; cold start 2.2 s against 1.6 s.',
  );
  out.push('## Method');
  out.push(
    [
      '- `npm run bench` builds the portal into `.next-bench` and `bench/baseline` (a bare Next.js ' +
        'app, same version: a static page and a dynamic page with a two-field form posting to a ' +
        'server action that does nothing), then starts each with `next start`.',
      '- Accounts are created, activated and registered through the portal’s own functions before ' +
        'the server starts (`bench/seed.ts`); session cookies come from a real sign-in.',
      '- The registered account has eight applications, made through the same functions (three ' +
        'drafts, one awaiting payment, one awaiting information, one issued, one withdrawn, and ' +
        'the application page’s: under review after a request for information, a version, eight ' +
        'events). Other residents’ applications, with their answers, versions and timelines, ' +
        'are inserted in bulk by SQL (`bench/seed-applications.ts`): ' +
        portals
          .filter((p) => p.seeded)
          .map(
            (p) =>
              `${p.seeded!.count.toLocaleString('en-CA')} of ` +
              `${p.seeded!.residents.toLocaleString('en-CA')} residents in ` +
              `${p.seeded!.seconds.toFixed(1)} s on ${p.name}`,
          )
          .join('; ') +
        '.',
      '- The City’s staff: 40 members the bulk applications past completeness are assigned to, ' +
        'with the City’s clock (accepted, due 10 to 30 business days later); the work queue is ' +
        'loaded by an examiner whose full session (both factors) is made at seeding ' +
        '(`bench/seed.ts`): it is the sign-in’s session row, without the TOTP code.',
      '- Every POST carries its own client address in the trusted header (`x-real-ip`), so the ' +
        'per-address limits stay on and never answer; sign-ins rotate over 20 accounts with the ' +
        'right password, so no account locks.',
      '- The JavaScript sign-in replays what Chromium sends (captured once per server with ' +
        'playwright-core): the `next-action` fetch whose answer carries the dashboard.',
      '- Requests carry browser headers (`accept-encoding: gzip, deflate, br` included) for the ' +
        'baseline and the portal alike.',
      '- Server CPU: utime + stime of the server process tree from `/proc`, from idle before a ' +
        'round to idle after it (requests in flight when the round stops finish first), divided ' +
        'by the requests sent. argon2id runs on libuv threads: counted here, absent from ' +
        '`--cpu-prof` profiles (main thread only).',
    ].join('\n'),
  );

  const markdown = `${out.join('\n\n')}\n`;
  const config = (await prettier.resolveConfig('bench/RESULTS.md')) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}
