/**
 * `npm run bench`: builds the portal and the baseline, loads both, checks the budgets and writes
 * bench/RESULTS.md.
 *
 *   npm run bench                      full run (≈ 6 min; ≈ 10 with TEST_DATABASE_URL)
 *   npm run bench -- --smoke           1 round of 3 s at 10 connections: CI's check that the
 *                                      bench still works; writes bench/RESULTS.smoke.md
 *   npm run bench -- --skip-build      reuse .next-bench and bench/baseline/.next
 *   npm run bench -- --portal-build .next   use that (existing) portal build instead of
 *                                      building one into .next-bench (CI, after its own build)
 *   npm run bench -- --cpu-prof        also profile the portal servers (V8 .cpuprofile)
 *   npm run bench -- --only login-post,dashboard-get    some scenarios only
 *
 * With TEST_DATABASE_URL (a throwaway database whose name contains "test": it is emptied), the
 * portal is also measured on PostgreSQL through the production driver (Neon serverless over a
 * local WebSocket bridge). Exits non-zero only when the bench itself fails, never for a missed
 * budget. BENCH_COMMIT names the commit when the tree is an exported copy, not a git checkout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureArgon2 } from './argon2';
import { measureUploadMemory } from './upload-memory';
import {
  BASELINE_DIR,
  PORTAL_DIST_DIR,
  PORTS,
  TSX_CLI,
  benchSecrets,
  modeFor,
  type Mode,
} from './config';
import { machineInfo, renderReport } from './report';
import { build, freePort, stopAll, withFilesRestored } from './servers';
import {
  baselineSuite,
  portalSuite,
  sqlCountFile,
  type ServerResult,
  type SuiteOptions,
} from './suites';

/** Builds what is missing or asked for; checks that what is reused exists. */
function prepareBuilds(
  opts: { skip: boolean; portalDir: string; buildPortal: boolean },
  work: string,
) {
  const baselineDir = path.join(BASELINE_DIR, '.next');
  if (!opts.skip) build('baseline', [BASELINE_DIR], {});
  if (!opts.skip && opts.buildPortal) {
    // next build rewrites tsconfig.json and next-env.d.ts for another distDir: restored after.
    withFilesRestored(['tsconfig.json', 'next-env.d.ts'], opts.portalDir, () =>
      build('portal', [], {
        NEXT_DIST_DIR: opts.portalDir,
        // Nothing may touch the developer's .data/pglite while building.
        PGLITE_DIR: path.join(work, 'build-pglite'),
        DATABASE_URL: '',
      }),
    );
  }
  for (const dir of [baselineDir, opts.portalDir]) {
    if (!fs.existsSync(path.join(dir, 'BUILD_ID'))) {
      throw new Error(`no build in ${dir}: run without --skip-build (or build it) first`);
    }
  }
}

/** The bridge in its own process; resolves with its NEON_WS_PROXY value and a way to stop it. */
async function startBridge(sqlFile: string): Promise<{ proxy: string; stop(): void }> {
  // stdin stays open: when this process ends, however it ends, the bridge sees it close and exits.
  const child = spawn(process.execPath, [TSX_CLI, 'bench/ws-bridge-process.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, MONSO_SQL_COUNT_FILE: sqlFile },
  });
  const proxy = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the WebSocket bridge exited (${code})`)));
  });
  return { proxy, stop: () => void child.kill('SIGTERM') };
}

function portalEnv(
  port: number,
  distDir: string,
  secrets: ReturnType<typeof benchSecrets>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...secrets,
    NODE_ENV: 'production',
    // The built-in test provider, chosen explicitly as production requires (PAY-04).
    PAYMENT_PROVIDER: 'test',
    NEXT_DIST_DIR: distDir,
    APP_URL: `http://localhost:${port}`,
    TRUSTED_IP_HEADER: 'x-real-ip',
    SMTP_URL: '',
    DATABASE_URL: '',
    NEON_WS_PROXY: '',
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'portal-build': { type: 'string', default: '' },
      only: { type: 'string', default: '' },
    },
  });
  const started = Date.now();
  const date = new Date();
  const machine = machineInfo();
  const mode: Mode = modeFor(values.smoke);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-bench-'));
  const profDir = values['cpu-prof'] ? path.join(work, 'profiles') : undefined;
  const opts = (name: string): SuiteOptions => ({
    mode,
    only,
    cpuProfDir: profDir && path.join(profDir, name),
  });
  const secrets = benchSecrets();
  console.log(`bench: ${mode.smoke ? 'smoke' : 'full'} run, work folder ${work}`);

  try {
    const portalDir = values['portal-build'] || PORTAL_DIST_DIR;
    prepareBuilds(
      { skip: values['skip-build'], portalDir, buildPortal: !values['portal-build'] },
      work,
    );

    console.log('argon2id …');
    const argon2 = await measureArgon2(mode.argon2S);
    console.log(
      `  hashes ${argon2.hashesPerS.toFixed(1)}/s, verifies ${argon2.verifiesPerS.toFixed(1)}/s ` +
        `(${argon2.concurrency} in flight), other CPU ${argon2.otherCpuPct.toFixed(0)}%`,
    );

    console.log('one 30 MB document upload …');
    const uploadMemory = await measureUploadMemory();
    console.log(
      `  ${uploadMemory.status} in ${uploadMemory.seconds.toFixed(2)} s; live heap ` +
        `+${(uploadMemory.liveHeapGrowth / 2 ** 20).toFixed(1)} MB, live buffers ` +
        `+${(uploadMemory.liveBuffersGrowth / 2 ** 20).toFixed(1)} MB, RSS ` +
        `+${(Math.max(uploadMemory.rssGrowth, 0) / 2 ** 20).toFixed(1)} MB`,
    );

    const baseline = await baselineSuite(await freePort(PORTS.baseline), {
      ...opts('baseline'),
      only: [],
    });
    const portals: ServerResult[] = [];

    const portalPort = await freePort(PORTS.portal);
    const embedded = {
      ...portalEnv(portalPort, portalDir, secrets),
      PGLITE_DIR: path.join(work, 'pglite'),
    };
    portals.push(
      await portalSuite('portal, embedded PGlite', portalPort, embedded, work, opts('pglite')),
    );

    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      const pgName = 'portal, PostgreSQL';
      const bridge = await startBridge(sqlCountFile(work, pgName));
      try {
        const pgPort = await freePort(PORTS.portalPostgres);
        const env = {
          ...portalEnv(pgPort, portalDir, secrets),
          DATABASE_URL: url,
          NEON_WS_PROXY: bridge.proxy,
        };
        portals.push(await portalSuite(pgName, pgPort, env, work, opts('pg')));
      } finally {
        bridge.stop();
      }
    } else {
      console.log('TEST_DATABASE_URL is not set: the PostgreSQL run is skipped');
    }

    const args = process.argv.slice(2);
    const markdown = await renderReport({
      date,
      mode,
      machine,
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      durationS: (Date.now() - started) / 1000,
      argon2,
      uploadMemory,
      baseline,
      portals,
    });
    const out = mode.smoke ? 'bench/RESULTS.smoke.md' : 'bench/RESULTS.md';
    // A partial run (--only) never overwrites the committed results.
    const file = only.length > 0 && !mode.smoke ? 'bench/RESULTS.partial.md' : out;
    fs.writeFileSync(file, markdown);
    console.log(`\n${markdown}\nwritten to ${file}`);
    if (profDir) console.log(`CPU profiles kept in ${profDir}`);
  } finally {
    await stopAll();
    // The embedded database and logs; the CPU profiles stay when asked for.
    for (const entry of fs.readdirSync(work)) {
      if (entry !== 'profiles') fs.rmSync(path.join(work, entry), { recursive: true, force: true });
    }
    if (!profDir) fs.rmSync(work, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    process.exit(1);
  },
);
