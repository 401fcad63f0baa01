/**
 * The WebSocket→TCP bridge (tests/helpers/ws-bridge.ts) in a process of its own, so the Neon
 * driver's traffic is not relayed by the process that generates the load. Prints the value for
 * NEON_WS_PROXY on its first line, then runs until it is sent SIGTERM or its stdin closes (the
 * bench ended, however it ended).
 */
import { startWsBridge } from '@/tests/helpers/ws-bridge';

async function main() {
  const bridge = await startWsBridge();
  console.log(bridge.proxy);
  const stop = () => void bridge.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

void main();
