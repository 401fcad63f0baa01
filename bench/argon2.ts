/**
 * argon2id throughput with the portal's own functions and parameters
 * (lib/security/password-hash.ts), on this machine, with no server running: one at a time, and
 * with as many in flight as libuv's thread pool runs (what a busy server can get at most).
 */
import os from 'node:os';
import { hashPassword, verifyPassword, ARGON2_PARAMS } from '@/lib/security/password-hash';
import { machineBusyMs } from './servers';

export interface Argon2Result {
  params: string;
  /** Operations in flight for the saturated figures (libuv thread pool size). */
  concurrency: number;
  hashesPerS: number;
  verifiesPerS: number;
  serialHashesPerS: number;
  serialVerifiesPerS: number;
  /** CPU time of one operation (this process, all threads), from the saturated runs. */
  hashCpuMs: number;
  verifyCpuMs: number;
  /** CPU used by other processes meanwhile, in % of the machine (noise). */
  otherCpuPct: number;
}

async function throughput(
  op: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<{ perS: number; cpuMs: number }> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await op();
      done += 1;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return {
    perS: done / ((performance.now() - started) / 1000),
    cpuMs: (used.user + used.system) / 1000 / done,
  };
}

export async function measureArgon2(seconds: number): Promise<Argon2Result> {
  const password = 'violet tambour quinze nuages';
  const hash = await hashPassword(password);
  if (!(await verifyPassword(hash, password))) throw new Error('argon2id: verify failed');
  const concurrency = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const hashOp = () => hashPassword(password);
  const verifyOp = () => verifyPassword(hash, password);
  const machineBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const serialHash = await throughput(hashOp, 1, seconds / 2);
  const serialVerify = await throughput(verifyOp, 1, seconds / 2);
  const hashes = await throughput(hashOp, concurrency, seconds);
  const verifies = await throughput(verifyOp, concurrency, seconds);
  const own = process.cpuUsage(ownBefore);
  const otherMs = machineBusyMs() - machineBefore - (own.user + own.system) / 1000;
  const wallMs = performance.now() - started;
  return {
    params: `m=${ARGON2_PARAMS.memoryCost} KiB, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}`,
    concurrency,
    serialHashesPerS: serialHash.perS,
    serialVerifiesPerS: serialVerify.perS,
    hashesPerS: hashes.perS,
    verifiesPerS: verifies.perS,
    hashCpuMs: hashes.cpuMs,
    verifyCpuMs: verifies.cpuMs,
    otherCpuPct: Math.max(0, (100 * otherMs) / (wallMs * os.availableParallelism())),
  };
}
