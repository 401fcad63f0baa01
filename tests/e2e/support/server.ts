/**
 * The end-to-end server: a real SMTP sink on loopback that writes each received mail as JSON
 * into E2E_MAIL_DIR, a fresh embedded database, and `next start` (production build) wired to both.
 * Playwright starts this as its webServer and stops it when the run ends. With E2E_SERVER_MODE=dev
 * it runs `next dev` instead (playwright.dev.config.ts), which alone catches what only the
 * development builds of the libraries refuse.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startSmtpSink } from '../../helpers/smtp-sink';

const port = process.env.E2E_PORT ?? '3100';
const mailDir = path.resolve(process.env.E2E_MAIL_DIR ?? 'test-results/e2e-mail');
const dataDir = path.resolve(process.env.E2E_PGLITE_DIR ?? '.data/e2e/pglite');
const pinFile = path.resolve(process.env.E2E_PIN_FILE ?? 'test-results/e2e-pins.csv');
const dev = process.env.E2E_SERVER_MODE === 'dev';
/** The server's stderr, also written here: specs check that a refused request logged no stack. */
const errorLog = path.resolve(process.env.E2E_SERVER_LOG ?? 'test-results/e2e-server-stderr.log');

async function main() {
  fs.rmSync(mailDir, { recursive: true, force: true });
  fs.mkdirSync(mailDir, { recursive: true });
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });

  const sink = await startSmtpSink();
  let written = 0;
  const flush = () => {
    for (; written < sink.messages.length; written++) {
      const mail = sink.messages[written]!;
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      fs.writeFileSync(
        path.join(mailDir, `${String(written).padStart(5, '0')}.json`),
        JSON.stringify({
          to: to?.value[0]?.address ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          headers: Object.fromEntries(
            [...mail.headers.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']),
          ),
        }),
      );
    }
  };
  const poll = setInterval(flush, 50);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? ('development' as const) : ('production' as const),
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789abcdef',
    PIN_PEPPER: process.env.PIN_PEPPER ?? 'e2e-only-pin-pepper-0123456789abcdef0123456789',
    CRON_SECRET: process.env.CRON_SECRET ?? 'e2e-only-cron-secret-0123456789abcdef',
    // The built-in test provider, chosen explicitly as production requires (PAY-04).
    PAYMENT_PROVIDER: 'test',
    // Configured as the nginx deployment is (README, LOG-06): the app trusts X-Real-IP, which the
    // tests send as nginx would write it: each context its own client address (fixtures.ts, and
    // 127.0.0.1 by default in the Playwright configs). tests/e2e/client-ip.spec.ts puts a proxy
    // in front that overwrites the header, as nginx does, and checks what a client can send.
    TRUSTED_IP_HEADER: 'x-real-ip',
    SMTP_URL: sink.url,
    PGLITE_DIR: dataDir,
    DATABASE_URL: '',
    // Uploaded documents beside the database, wiped with it: never the development server's.
    UPLOADS_DIR: path.join(path.dirname(dataDir), 'uploads'),
    STORAGE_DRIVER: 'fs',
  };
  // Client PINs are issued by the operators' command, before the server holds the database.
  const pins = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/clients.ts',
      'import',
      'tests/e2e/support/client-records.csv',
      '--out',
      pinFile,
    ],
    { stdio: 'inherit', env },
  );
  if (pins.status !== 0) throw new Error('could not issue the e2e client PINs');

  const command = dev ? 'dev' : 'start';
  const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', command, '-p', port], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env,
  });
  fs.writeFileSync(errorLog, '');
  next.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    fs.appendFileSync(errorLog, chunk);
  });
  const stop = () => {
    clearInterval(poll);
    next.kill('SIGTERM');
    void sink.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  next.on('exit', (code) => {
    clearInterval(poll);
    void sink.close().then(() => process.exit(code ?? 0));
  });
}

void main();
