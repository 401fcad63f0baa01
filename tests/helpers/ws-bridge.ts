import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A WebSocket→TCP bridge, so the Neon serverless driver (which speaks the Postgres protocol over a
 * WebSocket) can reach a plain local PostgreSQL. Only the local server is reachable through it:
 * `/v1?address=127.0.0.1:5432` (or `localhost:5432`); any other path or address is refused.
 * Point the driver at it with NEON_WS_PROXY=`proxy` (see openNeon in lib/db/client.ts).
 */
export interface WsBridge {
  port: number;
  /** The value for NEON_WS_PROXY. */
  proxy: string;
  close(): Promise<void>;
}

const ALLOWED = new Set(['127.0.0.1:5432', 'localhost:5432']);
/** WebSocket close code 1008: policy violation. */
const REFUSED = 1008;

export interface WsBridgeOptions {
  /** Called for each connection; the function it returns sees every byte the client sends. */
  onConnection?: () => (chunk: Buffer) => void;
}

function bridge(ws: WebSocket, url: string | undefined, opts: WsBridgeOptions): void {
  const { pathname, searchParams } = new URL(url ?? '/', 'http://bridge');
  const address = searchParams.get('address') ?? '';
  if (pathname !== '/v1' || !ALLOWED.has(address)) {
    ws.close(REFUSED, 'address not allowed');
    return;
  }
  const socket = net.connect({ host: '127.0.0.1', port: 5432 });
  socket.setNoDelay(true);
  // Frames that arrive before the TCP connection is up are queued by the socket.
  const tap = opts.onConnection?.();
  ws.on('message', (data: Buffer) => {
    tap?.(data);
    socket.write(data);
  });
  socket.on('data', (chunk) => ws.send(chunk, { binary: true }));
  ws.on('close', () => socket.destroy());
  ws.on('error', () => socket.destroy());
  socket.on('close', () => ws.close());
  socket.on('error', () => ws.close(1011, 'upstream error'));
}

export async function startWsBridge(opts: WsBridgeOptions = {}): Promise<WsBridge> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (ws, request) => bridge(ws, request.url, opts));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    proxy: `127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of server.clients) client.terminate();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
