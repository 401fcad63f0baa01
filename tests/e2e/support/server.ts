/**
 * The end-to-end server: a real SMTP sink on loopback that writes each received mail as JSON
 * into E2E_MAIL_DIR, a fresh embedded database, and `next start` (production build) wired to both.
 * Playwright starts this as its webServer and stops it when the run ends. With E2E_SERVER_MODE=dev
 * it runs `next dev` instead (playwright.dev.config.ts), which alone catches what only the
 * development builds of the libraries refuse.
 *
 * The production path (playwright.neon.config.ts): with E2E_SERVER_MODE=standalone it runs the
 * standalone server (`node server.js`, bound to 127.0.0.1 as behind nginx) from a copy of
 * .next/standalone outside the repository (E2E_STANDALONE_DIR), so a file the build did not trace
 * is missing there as it would be on a server. With E2E_POSTGRES_URL it uses that PostgreSQL
 * database through the Neon serverless driver and a WebSocket bridge instead of the embedded one:
 * the database is dropped and created again, then migrated with `npm run db:migrate` as the
 * README tells operators.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { prepareStandalone, copyStandalone } from '../../../scripts/standalone';
import type { PgModule } from '../../helpers/postgres';
import { startSmtpSink } from '../../helpers/smtp-sink';
import { startWsBridge, type WsBridge } from '../../helpers/ws-bridge';

const port = process.env.E2E_PORT ?? '3100';
const mailDir = path.resolve(process.env.E2E_MAIL_DIR ?? 'test-results/e2e-mail');
const dataDir = path.resolve(process.env.E2E_PGLITE_DIR ?? '.data/e2e/pglite');
const pinFile = path.resolve(process.env.E2E_PIN_FILE ?? 'test-results/e2e-pins.csv');
const staffFile = path.resolve(process.env.E2E_STAFF_FILE ?? 'test-results/e2e-staff.json');
const mode = process.env.E2E_SERVER_MODE ?? 'start';
const dev = mode === 'dev';
const postgresUrl = process.env.E2E_POSTGRES_URL || '';
const standaloneDir = path.resolve(
  process.env.E2E_STANDALONE_DIR ?? path.join(os.tmpdir(), `monso-e2e-standalone-${port}`),
);
/** The server's stderr, also written here: specs check that a refused request logged no stack. */
const errorLog = path.resolve(process.env.E2E_SERVER_LOG ?? 'test-results/e2e-server-stderr.log');

/**
 * Runs a command to its end; resolves with its exit status. Not spawnSync: the WebSocket bridge
 * the command reaches PostgreSQL through runs in this process, and must keep answering meanwhile.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/** `run`, keeping what the command prints on stdout. */
function runForOutput(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

/**
 * Drops and creates the e2e database again (through `pg`, on the server's `postgres` database),
 * starts the bridge the Neon driver reaches it through, and applies the migrations with
 * `npm run db:migrate`. Only a database whose name says "test" is dropped.
 */
async function preparePostgres(url: string): Promise<WsBridge> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/test/i.test(name)) {
    throw new Error(`E2E_POSTGRES_URL is dropped and recreated: "${name}" is not a test database`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const { Client } = createRequire(import.meta.url)('pg') as PgModule;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`drop database if exists ${quoted} with (force)`);
    await client.query(`create database ${quoted}`);
  } finally {
    await client.end();
  }
  const bridge = await startWsBridge();
  const migrate = await run('npm', ['run', '--silent', 'db:migrate'], {
    ...process.env,
    DATABASE_URL: url,
    NEON_WS_PROXY: bridge.proxy,
  });
  if (migrate !== 0) throw new Error('npm run db:migrate failed');
  return bridge;
}

/** The server: `next start`, `next dev`, or the standalone server.js of a fresh copy. */
function startNext(env: NodeJS.ProcessEnv) {
  const stdio: ['inherit', 'inherit', 'pipe'] = ['inherit', 'inherit', 'pipe'];
  if (mode === 'standalone') {
    const copy = copyStandalone(prepareStandalone(), standaloneDir);
    // As in the README's systemd unit: bound to loopback, behind nginx.
    return spawn(process.execPath, [path.join(copy, 'server.js')], {
      stdio,
      env: { ...env, PORT: port, HOSTNAME: '127.0.0.1' },
    });
  }
  const command = dev ? 'dev' : 'start';
  return spawn(process.execPath, ['node_modules/next/dist/bin/next', command, '-p', port], {
    stdio,
    env,
  });
}

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

  const bridge = postgresUrl ? await preparePostgres(postgresUrl) : undefined;

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
    DATABASE_URL: postgresUrl,
    NEON_WS_PROXY: bridge?.proxy ?? '',
    // Uploaded documents beside the database, wiped with it: never the development server's.
    UPLOADS_DIR: path.join(path.dirname(dataDir), 'uploads'),
    STORAGE_DRIVER: 'fs',
  };
  // Client PINs are issued by the operators' command, before the server holds the database.
  const pins = await run(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/clients.ts',
      'import',
      'tests/e2e/support/client-records.csv',
      '--out',
      pinFile,
    ],
    env,
  );
  if (pins !== 0) throw new Error('could not issue the e2e client PINs');
  // Staff members, created with the operators' command before the server holds the database:
  // each run's one JSON line ({"email","role","setupUrl"}) is kept, one per line, for
  // tests/e2e/staff.spec.ts and the tour of every page (support/pages.ts, one per language).
  const staffLines: string[] = [];
  for (const [email, name, locale, role] of [
    ['agent.e2e@ottawa.ca', 'Dominique Roy', 'fr', 'admin'],
    ['tour.fr@ottawa.ca', 'Camille Tremblay', 'fr', 'admin'],
    ['tour.en@ottawa.ca', 'Alex Martin', 'en', 'admin'],
    ['support.e2e@ottawa.ca', 'Sam Gagnon', 'fr', 'admin'],
    // tests/e2e/staff-journey.spec.ts: an examiner takes a permit from submission to issue.
    ['examiner.e2e@ottawa.ca', 'Claude Lavoie', 'fr', 'examiner'],
    ['examiner.en.e2e@ottawa.ca', 'Jordan Smith', 'en', 'examiner'],
    // The same journey after issuance: an inspector confirms and records inspections.
    ['inspector.e2e@ottawa.ca', 'Morgan Côté', 'fr', 'inspector'],
    ['inspector.en.e2e@ottawa.ca', 'Taylor Brown', 'en', 'inspector'],
  ] as const) {
    const staff = await runForOutput(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'scripts/staff.ts',
        'create',
        '--email',
        email,
        '--name',
        name,
        '--role',
        role,
        '--locale',
        locale,
      ],
      env,
    );
    if (staff.code !== 0) throw new Error(`could not create the e2e staff member ${email}`);
    staffLines.push(staff.stdout);
  }
  fs.writeFileSync(staffFile, staffLines.join(''));

  const next = startNext(env);
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
    if (mode === 'standalone') fs.rmSync(standaloneDir, { recursive: true, force: true });
    void Promise.all([sink.close(), bridge?.close()]).then(() => process.exit(code ?? 0));
  });
}

void main();
