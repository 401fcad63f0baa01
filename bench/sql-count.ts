/**
 * SQL statements per request: one line per statement the portal sends is appended to a file while
 * that file exists (bench/sql-log.cjs: inside the server through bench/sql-count-preload.cjs on
 * the embedded database, in the WebSocket bridge on PostgreSQL); the file is created, N requests
 * are sent one after the other, its lines are counted, and it is deleted again so the load runs
 * pay nothing for the counting. The app itself knows nothing of it.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { RECHECK_MS as SQL_COUNT_RECHECK_MS } from './sql-log.cjs';
import { request } from './http';
import { nextRequest, type Headers, type Scenario } from './scenarios';

export interface SqlCount {
  perRequest: number;
  /** The statements of one request (trimmed), to see what they are. */
  example: string[];
}

async function send(base: string, scenario: Scenario): Promise<void> {
  const req = nextRequest(scenario);
  const res = await request(base, req);
  if (!scenario.ok(res.status, res.headers as Headers)) {
    throw new Error(`${scenario.key}: unexpected answer ${res.status} while counting SQL`);
  }
}

function lines(file: string): string[] {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.split('\n').filter((l) => l !== '');
}

/** Waits until the file stops growing: requests still in flight from a load run end first. */
async function quiet(file: string): Promise<void> {
  const size = () => (fs.existsSync(file) ? fs.statSync(file).size : 0);
  const until = performance.now() + 30_000;
  for (let last = -1; performance.now() < until;) {
    const now = size();
    if (now === last) return;
    last = now;
    await sleep(500);
  }
}

export async function countSql(
  base: string,
  scenario: Scenario,
  file: string,
  samples: number,
): Promise<SqlCount> {
  await quiet(file);
  await scenario.beforeRound?.();
  fs.writeFileSync(file, '');
  // The log looks for the file every SQL_COUNT_RECHECK_MS.
  await sleep(3 * SQL_COUNT_RECHECK_MS);
  await send(base, scenario);
  // Work after the response (Next's after()) lands a little later.
  await sleep(150);
  const example = lines(file);
  fs.writeFileSync(file, '');
  for (let i = 0; i < samples; i++) await send(base, scenario);
  await sleep(150);
  const count = lines(file).length;
  fs.rmSync(file, { force: true });
  await sleep(3 * SQL_COUNT_RECHECK_MS);
  return { perRequest: count / samples, example };
}
