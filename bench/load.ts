/**
 * Load runs with autocannon (from this process, not the server's): warm-up, then rounds at each
 * connection count, with the server's CPU time read from /proc around each round.
 */
import autocannon from 'autocannon';
import os from 'node:os';
import { machineBusyMs, procStats, waitIdle } from './servers';
import { nextRequest, type Headers, type Scenario } from './scenarios';

export interface RoundResult {
  connections: number;
  durationS: number;
  /** Completed responses. */
  total: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts (autocannon's `errors`, timeouts included). */
  errors: number;
  /** Responses that were not the expected answer (status, redirect target, cookie). */
  unexpected: number;
  statuses: Record<string, number>;
  /**
   * Server CPU (user + system) per request sent, ms: measured from an idle server until it is
   * idle again, so requests still in flight when the round stops are counted with their work.
   */
  cpuMsPerReq: number;
  /**
   * CPU used by processes other than the server and the bench (load tool) during the round, in %
   * of the machine: the database on PostgreSQL runs, and any other work that skews the figures.
   */
  otherCpuPct: number;
  /** One unexpected answer, for the report: "429 location=…". */
  sample?: string;
}

function lowerCaseHeaders(raw: Record<string, unknown> | undefined): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    out[k.toLowerCase()] = Array.isArray(v) ? v.map(String) : v == null ? undefined : String(v);
  }
  return out;
}

export async function loadRound(
  base: string,
  scenario: Scenario,
  opts: { connections: number; durationS: number; serverPid: number },
): Promise<RoundResult> {
  let unexpected = 0;
  let sample: string | undefined;
  const onResponse = (status: number, body: string, _ctx: object, raw: unknown) => {
    const headers = lowerCaseHeaders(raw as Record<string, unknown>);
    if (scenario.ok(status, headers)) return;
    unexpected += 1;
    if (!sample) {
      const where = headers.location ? ` location=${String(headers.location)}` : '';
      sample = `${status}${where} ${body.replace(/\s+/g, ' ').slice(0, 160)}`;
    }
  };
  const request =
    typeof scenario.request === 'function'
      ? {
          setupRequest: (req: autocannon.Request) => ({ ...req, ...nextRequest(scenario) }),
          onResponse,
        }
      : { ...scenario.request, onResponse };

  await waitIdle(opts.serverPid);
  const before = procStats(opts.serverPid);
  const machineBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 30,
    requests: [request],
  });
  await waitIdle(opts.serverPid);
  const after = procStats(opts.serverPid);
  const own = process.cpuUsage(ownBefore);
  const wallMs = performance.now() - started;
  const otherMs =
    machineBusyMs() - machineBefore - (after.cpuMs - before.cpuMs) - (own.user + own.system) / 1000;

  const total = result.requests.total;
  const sent = Math.max(result.requests.sent, total);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(
    (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats,
  )) {
    statuses[code] = count;
  }
  return {
    connections: opts.connections,
    durationS: result.duration,
    total,
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    unexpected,
    statuses,
    cpuMsPerReq: sent > 0 ? (after.cpuMs - before.cpuMs) / sent : NaN,
    otherCpuPct: Math.max(0, (100 * otherMs) / (wallMs * os.availableParallelism())),
    sample,
  };
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface LoadSummary {
  connections: number;
  rounds: RoundResult[];
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerReq: number;
  /** Summed over the rounds. */
  total: number;
  errors: number;
  unexpected: number;
  statuses: Record<string, number>;
  /** The highest of the rounds. */
  otherCpuPct: number;
  sample?: string;
}

export function summarize(connections: number, rounds: RoundResult[]): LoadSummary {
  const statuses: Record<string, number> = {};
  for (const r of rounds) {
    for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  }
  const sum = (f: (r: RoundResult) => number) => rounds.reduce((acc, r) => acc + f(r), 0);
  return {
    connections,
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuMsPerReq: median(rounds.map((r) => r.cpuMsPerReq)),
    total: sum((r) => r.total),
    errors: sum((r) => r.errors),
    unexpected: sum((r) => r.unexpected),
    statuses,
    otherCpuPct: Math.max(...rounds.map((r) => r.otherCpuPct)),
    sample: rounds.find((r) => r.sample)?.sample,
  };
}

/**
 * Warm-up (not recorded), then `rounds` runs at each connection count. A scenario whose warm-up
 * gets no expected answer at all is a harness failure (a wrong request shape), not a result.
 */
export async function loadScenario(
  base: string,
  scenario: Scenario,
  opts: {
    connections: number[];
    rounds: number;
    durationS: number;
    warmupS: number;
    serverPid: number;
  },
): Promise<LoadSummary[]> {
  await scenario.beforeRound?.();
  const warm = await loadRound(base, scenario, {
    connections: Math.min(10, opts.connections[0] ?? 10),
    durationS: opts.warmupS,
    serverPid: opts.serverPid,
  });
  if (warm.total > 0 && warm.unexpected === warm.total) {
    throw new Error(`${scenario.key}: no expected answer during warm-up (e.g. ${warm.sample})`);
  }
  const out: LoadSummary[] = [];
  for (const connections of opts.connections) {
    const rounds: RoundResult[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      await scenario.beforeRound?.();
      rounds.push(
        await loadRound(base, scenario, {
          connections,
          durationS: opts.durationS,
          serverPid: opts.serverPid,
        }),
      );
    }
    const s = summarize(connections, rounds);
    console.log(
      `  ${scenario.key.padEnd(22)} c=${String(connections).padStart(2)}  ` +
        `${s.rps.toFixed(1).padStart(7)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  ` +
        `cpu ${s.cpuMsPerReq.toFixed(2)} ms/req  errors ${s.errors}  unexpected ${s.unexpected}  ` +
        `other CPU ${s.otherCpuPct.toFixed(0)}%`,
    );
    out.push(s);
  }
  return out;
}
