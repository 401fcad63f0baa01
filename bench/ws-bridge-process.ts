/**
 * The WebSocket→TCP bridge (tests/helpers/ws-bridge.ts) in a process of its own, so the Neon
 * driver's traffic is not relayed by the process that generates the load. Prints the value for
 * NEON_WS_PROXY on its first line, then runs until it is sent SIGTERM or its stdin closes (the
 * bench ended, however it ended). With MONSO_SQL_COUNT_FILE it also logs each SQL statement the
 * portal sends, for bench/sql-count.ts.
 */
import { startWsBridge } from '@/tests/helpers/ws-bridge';
import { pgStatementReader } from './pg-statements';
import { startSqlLog } from './sql-log.cjs';

async function main() {
  // With MONSO_SQL_COUNT_FILE, the statements the portal sends are logged (bench/sql-count.ts).
  const file = process.env.MONSO_SQL_COUNT_FILE;
  const sqlLog = file ? startSqlLog(file) : undefined;
  const bridge = await startWsBridge(
    sqlLog ? { onConnection: () => pgStatementReader((sql) => sqlLog.log(sql)) } : {},
  );
  console.log(bridge.proxy);
  const stop = () => void bridge.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

void main();
