/**
 * The issue's budgets, as ratios from one run, each PASS or MISS per portal server. A missed
 * budget is a finding, not a failure of the bench: it never changes the exit code.
 */
import type { Argon2Result } from './argon2';
import { median } from './load';
import type { ServerResult } from './suites';

export interface BudgetValue {
  text: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

export interface BudgetRow {
  budget: string;
  target: string;
  /** One per portal server, in the order of the servers. */
  values: BudgetValue[];
}

const KB = 1000;
const NA: BudgetValue = { text: 'not measured', pass: null };

function loads(server: ServerResult, key: string) {
  return server.scenarios.find((s) => s.key === key)?.loads ?? [];
}

/**
 * rps(portal scenario) / reference, at each connection count; passes when all are ≥ min. The
 * same ratio from CPU time (reference CPU ms per operation ÷ the portal's CPU ms per request: the
 * throughput ratio of two CPU-bound servers) follows as a cross-check: it moves much less when
 * other work shares the machine. PASS/MISS is decided on throughput, as the issue says.
 */
function ratioAtEach(
  server: ServerResult,
  key: string,
  reference: (connections: number) => number,
  min: number,
  cpuReference: (connections: number) => number,
): BudgetValue {
  const parts = loads(server, key).map((l) => ({
    c: l.connections,
    ratio: l.rps / reference(l.connections),
    cpuRatio: cpuReference(l.connections) / l.cpuMsPerReq,
  }));
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p.ratio))) return NA;
  return {
    text:
      parts.map((p) => `${p.ratio.toFixed(2)} × (${p.c} conn.)`).join(', ') +
      `; by CPU time ${parts.map((p) => `${p.cpuRatio.toFixed(2)} ×`).join(', ')}`,
    pass: parts.every((p) => p.ratio >= min),
  };
}

/**
 * The scenario's time per request over the reference scenario's on the same server (reference
 * req/s ÷ the scenario's), at each connection count; passes when all are ≤ max. The CPU-time
 * ratio (the scenario's CPU ms per request ÷ the reference's) follows as the cross-check.
 */
function timeRatioAtEach(
  server: ServerResult,
  key: string,
  referenceKey: string,
  max: number,
): BudgetValue {
  const reference = loads(server, referenceKey);
  const parts = loads(server, key).map((l) => {
    const ref = reference.find((r) => r.connections === l.connections);
    return {
      c: l.connections,
      ratio: (ref?.rps ?? NaN) / l.rps,
      cpuRatio: l.cpuMsPerReq / (ref?.cpuMsPerReq ?? NaN),
    };
  });
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p.ratio))) return NA;
  return {
    text:
      parts.map((p) => `${p.ratio.toFixed(2)} × (${p.c} conn.)`).join(', ') +
      `; by CPU time ${parts.map((p) => `${p.cpuRatio.toFixed(2)} ×`).join(', ')}`,
    pass: parts.every((p) => p.ratio <= max),
  };
}

export function evaluateBudgets(
  baseline: ServerResult,
  portals: ServerResult[],
  argon2: Argon2Result,
): BudgetRow[] {
  const baselineRps = (key: string) => (c: number) =>
    loads(baseline, key).find((l) => l.connections === c)?.rps ?? NaN;
  const dynamic = baselineRps('baseline-dynamic');
  const dynamicCpu = (c: number) =>
    loads(baseline, 'baseline-dynamic').find((l) => l.connections === c)?.cpuMsPerReq ?? NaN;
  const baselineForm = baseline.firstLoadJs.find((r) => r.path === '/form')?.bytes ?? NaN;
  const baselineCold = median(baseline.coldStartMs);

  const rows: { budget: string; target: string; value: (p: ServerResult) => BudgetValue }[] = [
    {
      budget: 'GET login page',
      target: '≥ 0.8 × baseline dynamic req/s',
      value: (p) => ratioAtEach(p, 'login-get', dynamic, 0.8, dynamicCpu),
    },
    {
      budget: 'GET dashboard, signed in',
      target: '≥ 0.7 × baseline dynamic req/s',
      value: (p) => ratioAtEach(p, 'dashboard-get', dynamic, 0.7, dynamicCpu),
    },
    {
      budget: 'GET dashboard, SQL statements',
      target: '≤ 2 per request',
      value: (p) => {
        const sql = p.scenarios.find((s) => s.key === 'dashboard-get')?.sql;
        return sql ? { text: sql.perRequest.toFixed(2), pass: sql.perRequest <= 2 } : NA;
      },
    },
    {
      budget: 'GET Building Code Services home ("Mes demandes")',
      target: '≤ 1.3 × the dashboard’s time per request',
      value: (p) => timeRatioAtEach(p, 'building-home-get', 'dashboard-get', 1.3),
    },
    {
      budget: 'GET an application',
      target: '≤ 1.3 × the dashboard’s time per request',
      value: (p) => timeRatioAtEach(p, 'application-get', 'dashboard-get', 1.3),
    },
    {
      budget: 'GET the work queue, staff signed in',
      target: '≤ 1.3 × the dashboard’s time per request',
      value: (p) => timeRatioAtEach(p, 'staff-queue-get', 'dashboard-get', 1.3),
    },
    {
      budget: 'GET the work queue, SQL statements',
      target: '≤ 4 per request (session, count, rows, assignable staff)',
      value: (p) => {
        const sql = p.scenarios.find((s) => s.key === 'staff-queue-get')?.sql;
        return sql ? { text: sql.perRequest.toFixed(2), pass: sql.perRequest <= 4 } : NA;
      },
    },
    {
      budget: 'POST login, no JavaScript',
      target: `≥ 0.6 × argon2id verifies/s (${argon2.verifiesPerS.toFixed(1)}/s)`,
      value: (p) =>
        ratioAtEach(
          p,
          'login-post',
          () => argon2.verifiesPerS,
          0.6,
          () => argon2.verifyCpuMs,
        ),
    },
    {
      budget: 'POST login, JavaScript',
      target: `≥ 0.6 × argon2id verifies/s (${argon2.verifiesPerS.toFixed(1)}/s)`,
      value: (p) =>
        ratioAtEach(
          p,
          'login-post-js',
          () => argon2.verifiesPerS,
          0.6,
          () => argon2.verifyCpuMs,
        ),
    },
    {
      budget: 'POST create account',
      target: `≥ 0.5 × argon2id hashes/s (${argon2.hashesPerS.toFixed(1)}/s)`,
      value: (p) =>
        ratioAtEach(
          p,
          'create-account-post',
          () => argon2.hashesPerS,
          0.5,
          () => argon2.hashCpuMs,
        ),
    },
    {
      budget: 'First Load JS, public pages',
      target: `≤ baseline + 15 kB (${((baselineForm + 15 * KB) / KB).toFixed(1)} kB)`,
      value: (p) => {
        const pub = p.firstLoadJs.filter(
          (r) => r.route === 'login' || r.route === 'create account',
        );
        if (pub.length === 0 || !Number.isFinite(baselineForm)) return NA;
        return {
          text: pub.map((r) => `${r.route} ${(r.bytes / KB).toFixed(1)} kB`).join(', '),
          pass: pub.every((r) => r.bytes <= baselineForm + 15 * KB),
        };
      },
    },
    {
      budget: 'Cold start (process start → first 200)',
      target: `≤ 1.5 × baseline (${(baselineCold / 1000).toFixed(2)} s)`,
      value: (p) => {
        const ratio = median(p.coldStartMs) / baselineCold;
        if (!Number.isFinite(ratio)) return NA;
        return {
          text: `${(median(p.coldStartMs) / 1000).toFixed(2)} s = ${ratio.toFixed(2)} ×`,
          pass: ratio <= 1.5,
        };
      },
    },
    {
      budget: 'RSS after load',
      target: `≤ 1.5 × baseline (${(baseline.rssAfterLoadKb / 1024).toFixed(0)} MiB)`,
      value: (p) => {
        const ratio = p.rssAfterLoadKb / baseline.rssAfterLoadKb;
        return {
          text: `${(p.rssAfterLoadKb / 1024).toFixed(0)} MiB = ${ratio.toFixed(2)} ×`,
          pass: ratio <= 1.5,
        };
      },
    },
    {
      budget: 'Errors under load',
      target: '0 (no 429: every request has its own client address)',
      value: (p) => {
        const bad = p.scenarios
          .map((s) => ({
            key: s.key,
            n: s.loads.reduce((acc, l) => acc + l.errors + l.unexpected, 0),
          }))
          .filter((s) => s.n > 0);
        if (p.scenarios.length === 0) return NA;
        return {
          text: bad.length === 0 ? '0' : bad.map((b) => `${b.key}: ${b.n}`).join(', '),
          pass: bad.length === 0,
        };
      },
    },
  ];
  return rows.map((r) => ({
    budget: r.budget,
    target: r.target,
    values: portals.map((p) => r.value(p)),
  }));
}
