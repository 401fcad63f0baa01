/**
 * Virus scanning behind one interface (DOC-02): ClamAV's daemon over TCP when CLAMAV_URL is set,
 * otherwise no scanner, and every file is recorded as 'not_scanned' (never as 'clean').
 *
 * clamd's INSTREAM command (clamd(8)): "zINSTREAM\0", then chunks each preceded by its length
 * as 4 bytes big-endian, then a zero length; the answer is "stream: OK\0",
 * "stream: <signature> FOUND\0" or "<reason> ERROR\0". clamd closes the stream once it passes
 * its StreamMaxLength (default 100M; it must stay above the 30 MB upload limit).
 */
import net from 'node:net';
import type { Readable } from 'node:stream';
import { toNodeReadable, type ByteSource } from '@/lib/storage/storage';

export type ScanErrorReason =
  /** No connection: clamd is down, or CLAMAV_URL points nowhere. */
  | 'unreachable'
  /** No connection, or no answer, within the time allowed. */
  | 'timeout'
  /** clamd answered with an error (the file passed StreamMaxLength, for one). */
  | 'refused'
  /** An answer clamd never gives, or the connection dropped without one. */
  | 'protocol'
  /** The file itself could not be read from storage. */
  | 'source';

export type ScanResult =
  | { status: 'clean' }
  | { status: 'infected'; signature: string }
  | { status: 'not_scanned' }
  | { status: 'error'; reason: ScanErrorReason; detail: string };

export interface Scanner {
  readonly kind: 'clamd' | 'none';
  /**
   * Reads the whole file and says what it holds. Never throws: a failure is an 'error' result,
   * and the file stays pending until a later scan succeeds.
   */
  scan(body: ByteSource): Promise<ScanResult>;
}

export interface ClamdOptions {
  host: string;
  port: number;
  /** Time allowed to connect. */
  connectTimeoutMs?: number;
  /** Time allowed without any progress (sending or answering) once connected. */
  idleTimeoutMs?: number;
  /** The largest INSTREAM chunk sent; larger reads are split. */
  chunkBytes?: number;
}

export const DEFAULT_CLAMD_PORT = 3310;

/** The one-line settings error, naming the variable to fix. */
export class ScannerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScannerConfigError';
  }
}

function discard(body: ByteSource): void {
  if ('destroy' in body && typeof body.destroy === 'function') (body as Readable).destroy();
  else if ('cancel' in body && typeof body.cancel === 'function')
    (body as ReadableStream).cancel().catch(() => {});
}

/** Without a scanner: the file is not read (its stream is closed) and is 'not_scanned'. */
export const noScanner: Scanner = {
  kind: 'none',
  async scan(body) {
    discard(body);
    return { status: 'not_scanned' };
  },
};

/** What clamd's answer to INSTREAM means. */
export function parseClamdReply(reply: string): ScanResult {
  const line = reply.replace(/[\0\r\n]+$/g, '').trim();
  if (line === 'stream: OK') return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found?.[1]) return { status: 'infected', signature: found[1] };
  if (/ERROR$/.test(line)) return { status: 'error', reason: 'refused', detail: line };
  return {
    status: 'error',
    reason: 'protocol',
    detail: `unexpected answer from clamd: ${JSON.stringify(line.slice(0, 200))}`,
  };
}

const failure = (reason: ScanErrorReason, detail: string): ScanResult => ({
  status: 'error',
  reason,
  detail,
});

/**
 * One clamd conversation: connect, send `command`, optionally stream `body` as INSTREAM chunks,
 * and resolve with the answer up to its terminating NUL (or whatever came before the close).
 */
function talkToClamd(
  options: ClamdOptions,
  command: string,
  body: Readable | null,
): Promise<{ answer: string } | { failure: ScanResult }> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;

  return new Promise((resolve) => {
    const socket = net.connect({ host: options.host, port: options.port });
    const answer: Buffer[] = [];
    let settled = false;
    let connected = false;

    const settle = (outcome: { answer: string } | { failure: ScanResult }) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      socket.destroy();
      body?.destroy();
      resolve(outcome);
    };
    const answered = () => settle({ answer: Buffer.concat(answer).toString('utf8') });
    const fail = (reason: ScanErrorReason, detail: string) =>
      settle({ failure: failure(reason, detail) });

    const connectTimer = setTimeout(
      () => fail('timeout', `no connection to clamd within ${connectTimeoutMs} ms`),
      connectTimeoutMs,
    );
    socket.setTimeout(idleTimeoutMs, () =>
      fail('timeout', `clamd made no progress for ${idleTimeoutMs} ms`),
    );
    socket.on('data', (data: Buffer) => {
      answer.push(data);
      if (data.includes(0)) answered();
    });
    socket.on('end', () =>
      answer.length > 0 ? answered() : fail('protocol', 'clamd closed the connection unanswered'),
    );
    socket.on('close', () =>
      answer.length > 0 ? answered() : fail('protocol', 'clamd closed the connection unanswered'),
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // clamd answers, then closes, when a stream passes its limit: our next write fails
      // (EPIPE, ECONNRESET) but the answer is what counts.
      if (answer.length > 0) answered();
      else if (connected)
        fail('protocol', `connection to clamd lost: ${error.code ?? error.message}`);
      else fail('unreachable', `cannot reach clamd: ${error.code ?? error.message}`);
    });

    /** Writes, waiting for the socket to drain; false once the conversation is over. */
    const write = async (data: Buffer): Promise<boolean> => {
      if (settled) return false;
      if (socket.write(data)) return true;
      await new Promise<void>((done) => {
        const resume = () => {
          socket.off('drain', resume);
          socket.off('close', resume);
          done();
        };
        socket.on('drain', resume);
        socket.on('close', resume);
      });
      return !settled;
    };

    const send = async () => {
      if (!(await write(Buffer.from(`z${command}\0`)))) return;
      if (!body) return;
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          for (let offset = 0; offset < chunk.byteLength; offset += chunkBytes) {
            const part = chunk.subarray(offset, offset + chunkBytes);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(part.byteLength);
            if (!(await write(Buffer.concat([length, part])))) return;
          }
        }
      } catch (error) {
        if (!settled)
          fail('source', `the file could not be read: ${(error as Error).message ?? error}`);
        return;
      }
      await write(Buffer.alloc(4));
    };

    socket.on('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      void send();
    });
  });
}

/** A scanner asking clamd at host:port. */
export function clamdScanner(options: ClamdOptions): Scanner {
  return {
    kind: 'clamd',
    async scan(body) {
      const outcome = await talkToClamd(options, 'INSTREAM', toNodeReadable(body));
      return 'failure' in outcome ? outcome.failure : parseClamdReply(outcome.answer);
    },
  };
}

/** True when clamd answers PING with PONG: ready to scan (start-up, health checks). */
export async function pingClamd(options: ClamdOptions): Promise<boolean> {
  const outcome = await talkToClamd(options, 'PING', null);
  return 'answer' in outcome && outcome.answer.replace(/\0/g, '').trim() === 'PONG';
}

/**
 * The scanner the settings name: CLAMAV_URL=tcp://host:port (port 3310 when left out) for clamd,
 * nothing for none. A CLAMAV_URL that cannot work is refused in one line.
 */
export function scannerFromEnv(env: Readonly<Record<string, string | undefined>> = process.env) {
  const value = env.CLAMAV_URL?.trim();
  if (!value) return noScanner;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Reported below.
  }
  if (!url || url.protocol !== 'tcp:' || !url.hostname || (url.pathname && url.pathname !== '/'))
    throw new ScannerConfigError(
      `CLAMAV_URL must look like tcp://127.0.0.1:3310, not ${JSON.stringify(value)}`,
    );
  return clamdScanner({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_CLAMD_PORT,
  });
}
