import net, { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it receives, parsed. Free of Vitest
 * imports: the end-to-end global setup uses it too.
 */
export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** The first message (already received or yet to come) matching the predicate. */
  waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** `port`: listen on that port (e.g. to bring a stopped sink back where clients expect it). */
export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const listeners = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const listener of listeners) listener();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Later errors (a client dropping its connection) must not crash the test process.
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          listeners.delete(onMessage);
          resolve(found);
          return true;
        };
        const onMessage = () => void check();
        const timer = setTimeout(() => {
          listeners.delete(onMessage);
          reject(
            new Error(`No matching mail within ${timeoutMs} ms (${messages.length} received)`),
          );
        }, timeoutMs);
        if (!check()) listeners.add(onMessage);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A transport for sending many mails to a sink quickly: pooled connections with Nagle's algorithm
 * off. The plain transport (one connection per mail, as lib/email/transport.ts) waits ~145 ms a
 * mail here: smtp-server's 100 ms early-talker pause on every new connection, and ~40 ms of
 * delayed ACK on the end of each message. Messages are built exactly as the plain transport
 * builds them.
 */
export function fastSinkTransport(sink: Pick<SmtpSink, 'port'>) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: sink.port,
    pool: true,
    maxConnections: 2,
    getSocket(_options, callback) {
      const socket = net.connect(sink.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => callback(null, { connection: socket }));
      socket.once('error', (error) => callback(error, undefined));
    },
  });
}
