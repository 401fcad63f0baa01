/**
 * Builds and `next start`s the portal and the baseline, times their cold start (spawn → first
 * 200), and reads their CPU time and memory from /proc (the whole process tree, in case
 * `next start` forks).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { LAST_PORT, NEXT_BIN } from './config';
import { request } from './http';

export interface ServerSpec {
  name: string;
  /** The app folder given to `next start` (undefined: the repository root). */
  dir?: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Polled until it answers 200: the end of the cold start. */
  readyPath: string;
  /**
   * Then polled until it answers 200 (the portal's /api/health runs a query): the database may
   * still be opening in the background after the first page answered.
   */
  dbReadyPath?: string;
}

/** What a server holds after two full garbage collections (bench/memory-probe.cjs), in bytes. */
export interface MemoryAfterGc {
  rss: number;
  /** The JavaScript heap in use. */
  heapUsed: number;
  /** Memory outside the heap that JavaScript objects hold (buffers, WebAssembly memory). */
  external: number;
}

const MEMORY_PROBE = path.join(import.meta.dirname, 'memory-probe.cjs');
const MEMORY_LINE = 'MONSO_BENCH_MEMORY ';

export interface Server {
  spec: ServerSpec;
  base: string;
  pid: number;
  coldStartMs: number;
  /** Spawn → dbReadyPath answers 200 (NaN without one). */
  dbReadyMs: number;
  /** The server's stdout and stderr, for error messages. */
  log(): string;
  /** Collects the garbage and reads what the server still holds (null if it does not answer). */
  memoryAfterGc(): Promise<MemoryAfterGc | null>;
  stop(): Promise<void>;
}

const running = new Set<Server>();

/** Stops whatever servers are still up (on exit, Ctrl-C or a harness failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Runs `next build` for the portal (into distDir) or the baseline; output kept for errors. */
export function build(name: string, args: string[], env: Record<string, string>): void {
  const started = Date.now();
  process.stdout.write(`build ${name} … `);
  try {
    execFileSync(process.execPath, [NEXT_BIN, 'build', ...args], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`next build ${name} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `next build` rewrites tsconfig.json's `include` and next-env.d.ts for a custom distDir: put
 * them back as they were, so building for the bench leaves the working tree untouched. Only a
 * file that now names `marker` (the bench's distDir) is restored: a change someone else made
 * meanwhile is left alone.
 */
export function withFilesRestored(files: string[], marker: string, fn: () => void): void {
  const saved = files.map((f) => [f, fs.existsSync(f) ? fs.readFileSync(f) : null] as const);
  try {
    fn();
  } finally {
    for (const [f, content] of saved) {
      if (!fs.existsSync(f)) continue;
      const now = fs.readFileSync(f);
      if (now.includes(marker) && !(content?.includes(marker) ?? false)) {
        if (content === null) fs.rmSync(f);
        else fs.writeFileSync(f, content);
      }
    }
  }
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The first free port from `preferred` up to LAST_PORT (the bench's range): another bench run (CI's
 * smoke run, say) may hold the default ones.
 */
export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port <= LAST_PORT; port++) {
    if (!(await portInUse(port))) return port;
  }
  throw new Error(`no free port in ${preferred}–${LAST_PORT}`);
}

export async function startServer(spec: ServerSpec, nodeArgs: string[] = []): Promise<Server> {
  if (await portInUse(spec.port)) {
    throw new Error(`port ${spec.port} is already in use: stop what listens there first`);
  }
  const args = [
    '--expose-gc',
    '--require',
    MEMORY_PROBE,
    ...nodeArgs,
    NEXT_BIN,
    'start',
    ...(spec.dir ? [spec.dir] : []),
    '-p',
    String(spec.port),
  ];
  // The server logs a JSON line per security event: keep only the tail, for error messages.
  let output = '';
  const keep = (c: Buffer) => {
    output = (output + c.toString()).slice(-64 * 1024);
  };
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...spec.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Not 127.0.0.1: Next normalizes it to localhost in rewrites, and a host that differs from the
  // request's makes the middleware's rewrite external (a redirect loop). No -H either.
  const base = `http://localhost:${spec.port}`;
  const server: Server = {
    spec,
    base,
    pid: child.pid ?? -1,
    coldStartMs: NaN,
    dbReadyMs: NaN,
    log: () => output,
    async memoryAfterGc() {
      const before = output.lastIndexOf(MEMORY_LINE);
      child.kill('SIGUSR2');
      for (let waited = 0; waited < 10_000; waited += 50) {
        await sleep(50);
        const at = output.lastIndexOf(MEMORY_LINE);
        const end = output.indexOf('\n', at);
        if (at > before && end > at) {
          return JSON.parse(output.slice(at + MEMORY_LINE.length, end)) as MemoryAfterGc;
        }
      }
      return null;
    },
    async stop() {
      running.delete(server);
      if (exited) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exit.then(() => true), sleep(15_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
  running.add(server);

  const deadline = started + 120_000;
  for (;;) {
    if (exited) throw new Error(`${spec.name} exited before answering:\n${server.log()}`);
    if (performance.now() > deadline) {
      await server.stop();
      throw new Error(`${spec.name} did not answer 200 on ${spec.readyPath}:\n${server.log()}`);
    }
    try {
      const res = await request(base, { method: 'GET', path: spec.readyPath }, 5_000);
      if (res.status === 200) break;
      if (res.status >= 500) {
        await server.stop();
        throw new Error(`${spec.name}: ${spec.readyPath} answered ${res.status}:\n${server.log()}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(spec.name)) throw error;
      // Not listening yet.
    }
    await sleep(20);
  }
  server.coldStartMs = performance.now() - started;
  if (spec.dbReadyPath) {
    for (;;) {
      if (exited)
        throw new Error(`${spec.name} exited before its database was ready:\n${server.log()}`);
      if (performance.now() > deadline) {
        await server.stop();
        throw new Error(`${spec.name}: ${spec.dbReadyPath} never answered 200:\n${server.log()}`);
      }
      const res = await request(base, { method: 'GET', path: spec.dbReadyPath }, 5_000).catch(
        () => null,
      );
      if (res?.status === 200) break;
      await sleep(20);
    }
    server.dbReadyMs = performance.now() - started;
  }
  return server;
}

/** Starts and stops the server `times` times; returns each cold start (ms). The last one stays up if keep. */
export async function coldStarts(
  spec: ServerSpec,
  times: number,
  nodeArgs: string[] = [],
): Promise<{ samples: number[]; dbReady: number[]; server: Server }> {
  const samples: number[] = [];
  const dbReady: number[] = [];
  for (let i = 0; ; i++) {
    const server = await startServer(spec, i === times - 1 ? nodeArgs : []);
    samples.push(server.coldStartMs);
    if (Number.isFinite(server.dbReadyMs)) dbReady.push(server.dbReadyMs);
    if (i === times - 1) return { samples, dbReady, server };
    await server.stop();
  }
}

// ---- /proc --------------------------------------------------------------------------------------

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function readStat(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = parents.get(stat.ppid) ?? [];
    list.push(Number(entry));
    parents.set(stat.ppid, list);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []));
  return out;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export interface ProcStats {
  /** User + system CPU time of the server's process tree, in ms. */
  cpuMs: number;
  /** Resident memory of the tree, in kB. */
  rssKb: number;
  /** Peak resident memory (sum of each process's peak), in kB. */
  peakRssKb: number;
  processes: number;
}

export function procStats(pid: number): ProcStats {
  const pids = descendants(pid);
  let ticks = 0;
  let rss = 0;
  let peak = 0;
  for (const p of pids) {
    ticks += readStat(p)?.cpuTicks ?? 0;
    rss += statusKb(p, 'VmRSS');
    peak += statusKb(p, 'VmHWM');
  }
  return {
    cpuMs: (ticks * 1000) / ticksPerSecond(),
    rssKb: rss,
    peakRssKb: peak,
    processes: pids.length,
  };
}

/** CPU time (ms) all processors have spent busy since boot, from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...fields] = line.trim().split(/\s+/);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] =
      fields.map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond();
  } catch {
    return NaN;
  }
}

/**
 * Waits until the server has (nearly) stopped using CPU: requests still in flight when a load run
 * stops are finished before the next measurement starts, and their CPU time is counted.
 */
export async function waitIdle(pid: number, maxMs = 60_000): Promise<void> {
  const until = performance.now() + maxMs;
  let last = procStats(pid).cpuMs;
  while (performance.now() < until) {
    await sleep(250);
    const now = procStats(pid).cpuMs;
    // Under 4 % of one core over 250 ms: idle (timers, GC).
    if (now - last < 10) return;
    last = now;
  }
}
