/**
 * `npm run screenshots`: every page and every email, in French and English, at desktop width
 * (1280 px) and phone width (360 px), error states included, into one folder for City reviewers
 * with an index.html that shows them all in order.
 *
 *   npm run screenshots                          builds, then writes screenshots/
 *   npm run screenshots -- --out /tmp/review     another folder
 *   npm run screenshots -- --skip-build          reuses the last build (.next-screenshots)
 *
 * The pages are the states of tests/e2e/support/pages.ts (the accessibility spec walks the same
 * list), reached as a new resident would: the server is the end-to-end one
 * (tests/e2e/support/server.ts: an SMTP sink, a fresh embedded database, `next start`), started
 * on a free port from 3500 with its files in a temporary folder. The emails are rendered from
 * each template's PreviewProps. Exits with 1 when a page did not load, or showed the error page
 * (or "page not found") where it should not.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import en from '../messages/en.json';
import fr from '../messages/fr.json';
import globalError from '../messages/global-error.json';
import { renderEmail } from '../lib/email/render';
import { templates, type TemplateName, type TemplateProps } from '../lib/email/templates';
import { routing, type Locale, type AppPathname } from '../lib/i18n/routing';
import { internalPath, localizedPath } from '../lib/i18n/navigation';
import { CHROMIUM_LAUNCH } from '../tests/e2e/support/chromium';
import type { PageState } from '../tests/e2e/support/pages';

const ROOT = path.resolve(__dirname, '..');
const DIST_DIR = '.next-screenshots';
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const LOCALES = routing.locales;
const LANGUAGE: Record<Locale, string> = { fr: 'Français', en: 'English' };
const MESSAGES = { fr, en };
const WIDTHS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 360, height: 740 },
} as const;
type Width = keyof typeof WIDTHS;

// ---------------------------------------------------------------------------------------------
// Options.

interface Options {
  out: string;
  skipBuild: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { out: path.join(ROOT, 'screenshots'), skipBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--skip-build') opts.skipBuild = true;
    else if (arg === '--out' && argv[i + 1]) opts.out = argv[++i]!;
    else if (arg.startsWith('--out=')) opts.out = arg.slice('--out='.length);
    else {
      console.error(
        `unknown option ${arg}\nusage: npm run screenshots [-- --out DIR] [-- --skip-build]`,
      );
      process.exit(2);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// The build, the server, and their clean-up (also on Ctrl-C).

const cleanups: (() => void | Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Runs `next build` into its own dist dir; puts back what the build rewrites for it. */
async function build(): Promise<void> {
  // Next adds the dist dir's types to tsconfig.json and next-env.d.ts: restored afterwards, but
  // only when the file now names our dist dir (a change someone made meanwhile is left alone).
  const files = ['tsconfig.json', 'next-env.d.ts'].map((f) => path.join(ROOT, f));
  const saved = files.map(
    (f) => [f, fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null] as const,
  );
  const restore = () => {
    for (const [file, before] of saved) {
      if (!fs.existsSync(file)) continue;
      const now = fs.readFileSync(file, 'utf8');
      if (now === before || !now.includes(DIST_DIR) || before?.includes(DIST_DIR)) continue;
      if (before === null) fs.rmSync(file);
      else fs.writeFileSync(file, before);
    }
  };
  cleanups.push(restore);

  const started = Date.now();
  process.stdout.write(`Building the portal into ${DIST_DIR}/ … `);
  let output = '';
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Stopped before tsconfig.json is put back: the build must not write it again afterwards.
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 5_000))]);
  };
  cleanups.push(kill);
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await exit;
  cleanups.splice(cleanups.indexOf(kill), 1);
  cleanups.splice(cleanups.indexOf(restore), 1);
  restore();
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-8000)}`);
  console.log(`${seconds(started)} s`);
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + 99}`);
}

interface Server {
  base: string;
  mailDir: string;
  log(): string;
  exited(): boolean;
}

/**
 * The end-to-end server (tests/e2e/support/server.ts) with its mail, database and PIN files in
 * `work`. Its own process group, so that stopping it stops `next start` with it.
 */
async function startServer(work: string): Promise<Server> {
  const port = await freePort(3500);
  const mailDir = path.join(work, 'mail');
  const env = {
    ...process.env,
    E2E_PORT: String(port),
    NEXT_DIST_DIR: DIST_DIR,
    E2E_MAIL_DIR: mailDir,
    // server.ts empties the folder above the database's: keep it inside a folder of its own.
    E2E_PGLITE_DIR: path.join(work, 'db', 'pglite'),
    E2E_PIN_FILE: path.join(work, 'pins.csv'),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  let output = '';
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-32 * 1024));
  const child: ChildProcess = spawn(process.execPath, [TSX_CLI, 'tests/e2e/support/server.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // Last resort when this process ends without its clean-up (an uncaught error).
  const onExit = () => group('SIGKILL');
  process.on('exit', onExit);
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      group('SIGTERM');
      const stopped = await Promise.race([
        exit.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!stopped) group('SIGKILL');
    }
    process.off('exit', onExit);
  });

  const base = `http://localhost:${port}`;
  const started = Date.now();
  process.stdout.write(`Starting the server on ${base} … `);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server stopped before answering:\n${output}`);
    }
    if (Date.now() - started > 120_000) {
      throw new Error(`the server did not answer /api/health within 2 minutes:\n${output}`);
    }
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`${seconds(started)} s`);
  return {
    base,
    mailDir,
    log: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// The pages.

interface Shot {
  locale: Locale;
  /** The address the page was at, path and query. */
  url: string;
  files: Partial<Record<Width, string>>;
  /** Why this state is wrong: it did not load, or showed an error page. */
  failure?: string;
}

interface PageRow {
  nn: string;
  state: PageState;
  shots: Shot[];
}

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join('\n');

/** What is wrong with the page as it shows now, for this state; null when all is well. */
async function unexpected(page: Page, state: PageState, locale: Locale): Promise<string | null> {
  const messages = MESSAGES[locale];
  const url = page.url();
  if (!url.startsWith('http')) return `the page did not load (${url})`;
  const headings = await page
    .locator('h1')
    .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  if (headings.includes(messages.ErrorPage.title) || headings.includes(globalError[locale].title)) {
    return `the error page ("${messages.ErrorPage.title}") showed`;
  }
  const notFound = headings.includes(messages.NotFoundPage.title);
  if (notFound && !state.notFound) return `"${messages.NotFoundPage.title}" showed`;
  if (!notFound && state.notFound) return `"${messages.NotFoundPage.title}" did not show`;
  return null;
}

/**
 * Photographs the page as it is now at both widths, full length; back to desktop width
 * afterwards. With a modal dialog open (the idle warning), the screen only: what the person sees,
 * the dialog over the dimmed page (a full-length picture would dim only its first screen).
 */
async function shoot(
  page: Page,
  dir: string,
  base: string,
): Promise<Partial<Record<Width, string>>> {
  const files: Partial<Record<Width, string>> = {};
  for (const [width, viewport] of Object.entries(WIDTHS) as [Width, (typeof WIDTHS)[Width]][]) {
    await page.setViewportSize(viewport);
    // One frame for the new layout.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const file = path.join(dir, `${base}-${width}.png`);
    const modal = await page.evaluate(() => document.querySelector('dialog:modal') !== null);
    await page.screenshot({ path: file, fullPage: !modal, animations: 'disabled' });
    files[width] = file;
  }
  await page.setViewportSize(WIDTHS.desktop);
  return files;
}

async function shootPages(browser: Browser, server: Server, out: string): Promise<PageRow[]> {
  // After the server is known: fixtures.ts reads E2E_PORT and E2E_MAIL_DIR as it loads.
  process.env.E2E_PORT = new URL(server.base).port;
  process.env.E2E_MAIL_DIR = server.mailDir;
  const { PAGE_STATES, enter, startTour } = await import('../tests/e2e/support/pages');
  const { uniqueIp } = await import('../tests/e2e/support/fixtures');

  const rows: PageRow[] = PAGE_STATES.map((state, i) => ({
    nn: String(i + 1).padStart(2, '0'),
    state,
    shots: [],
  }));
  for (const locale of LOCALES) {
    const dir = path.join(out, 'pages', locale);
    fs.mkdirSync(dir, { recursive: true });
    const context = await browser.newContext({
      baseURL: server.base,
      viewport: WIDTHS.desktop,
      deviceScaleFactor: 1,
      locale: `${locale}-CA`,
      // Each language's resident comes from its own address, as each e2e test does (rate limits).
      extraHTTPHeaders: { 'x-real-ip': uniqueIp() },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    let serverError = '';
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.status() >= 500) {
        serverError = `${response.status()} from ${new URL(response.url()).pathname}`;
      }
    });
    const tour = startTour(page, locale, 'screens');
    for (const row of rows) {
      if (interrupted) break;
      const { state } = row;
      const name = `${row.nn}-${state.page}-${state.state}`;
      process.stdout.write(`  ${locale} ${name} `);
      serverError = '';
      let failure: string | null = null;
      try {
        await enter(tour, state);
        failure = await unexpected(page, state, locale);
      } catch (error) {
        failure = `did not load as expected: ${message(error)}`;
        if (server.exited()) failure += `\nthe server stopped:\n${server.log().slice(-2000)}`;
      }
      if (serverError)
        failure = `${failure ? `${failure}; ` : ''}the server answered ${serverError}`;
      const url = new URL(page.url());
      const shot: Shot = { locale, url: url.pathname + url.search, files: {} };
      try {
        shot.files = await shoot(page, dir, name);
      } catch (error) {
        failure = `${failure ? `${failure}; ` : ''}no screenshot: ${message(error)}`;
      }
      if (failure) shot.failure = failure;
      row.shots.push(shot);
      if (interrupted) break;
      console.log(failure ? `✗ ${failure.split('\n')[0]}` : '✓');
    }
    await context.close();
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The emails.

interface EmailRow {
  template: TemplateName;
  renders: {
    locale: Locale;
    subject: string;
    html: string;
    text: string;
    textContent: string;
    files: Partial<Record<Width, string>>;
    failure?: string;
  }[];
}

/** A preview link in the email's language: /fr/activer?token=… becomes /en/activate?token=…. */
function localizeLinks(props: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => {
      if (typeof value !== 'string' || !/^https?:\/\//.test(value)) return [key, value];
      const url = new URL(value);
      const route = internalPath(url.pathname);
      if (route) url.pathname = localizedPath(route.pathname as AppPathname, locale);
      return [key, url.toString()];
    }),
  );
}

async function shootEmails(browser: Browser, out: string): Promise<EmailRow[]> {
  const context = await browser.newContext({ viewport: WIDTHS.desktop, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const rows: EmailRow[] = [];
  for (const template of Object.keys(templates) as TemplateName[]) {
    const row: EmailRow = { template, renders: [] };
    rows.push(row);
    const preview = (templates[template].component as { PreviewProps?: Record<string, unknown> })
      .PreviewProps;
    for (const locale of LOCALES) {
      if (interrupted) break;
      const dir = path.join(out, 'emails', locale);
      fs.mkdirSync(dir, { recursive: true });
      process.stdout.write(`  ${locale} ${template} `);
      const render: EmailRow['renders'][number] = {
        locale,
        subject: '',
        html: path.join(dir, `${template}.html`),
        text: path.join(dir, `${template}.txt`),
        textContent: '',
        files: {},
      };
      row.renders.push(render);
      try {
        if (!preview) throw new Error(`emails/${template}.tsx has no PreviewProps`);
        // The preview's own locale is replaced by the one rendered.
        const props = Object.fromEntries(Object.entries(preview).filter(([k]) => k !== 'locale'));
        const mail = await renderEmail(
          template,
          locale,
          localizeLinks(props, locale) as TemplateProps[TemplateName],
        );
        render.subject = mail.subject;
        render.textContent = mail.text;
        fs.writeFileSync(render.html, mail.html);
        fs.writeFileSync(render.text, mail.text);
        await page.setContent(mail.html, { waitUntil: 'load' });
        render.files = await shoot(page, dir, template);
        console.log('✓');
      } catch (error) {
        render.failure = message(error);
        console.log(`✗ ${render.failure.split('\n')[0]}`);
      }
    }
  }
  await context.close();
  return rows;
}

/**
 * The dashboard's icons are emoji: a Linux machine without a colour-emoji font draws them as empty
 * boxes. Said in the summary and the index, so that no reviewer reports it as the portal's fault.
 */
function emojiFontNote(): string | null {
  if (process.platform !== 'linux') return null;
  const fonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  if (fonts.status !== 0 || /emoji/i.test(fonts.stdout)) return null;
  return (
    'This machine has no colour-emoji font: the icons of the dashboard show as empty boxes ' +
    '(on Debian or Ubuntu: apt-get install fonts-noto-color-emoji, then run again).'
  );
}

// ---------------------------------------------------------------------------------------------
// index.html

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function indexHtml(
  out: string,
  pages: PageRow[],
  emails: EmailRow[],
  failures: string[],
  note: string | null,
): string {
  const rel = (file: string) => escape(path.relative(out, file).split(path.sep).join('/'));
  const images = (files: Partial<Record<Width, string>>, alt: string) =>
    (Object.keys(WIDTHS) as Width[])
      .map((width) =>
        files[width]
          ? `<a class="${width}" href="${rel(files[width]!)}"><img loading="lazy" src="${rel(files[width]!)}" alt="${escape(`${alt}, ${width}`)}"></a>`
          : `<div class="${width} missing">no ${width} screenshot</div>`,
      )
      .join('');

  const pageSections = pages
    .map(({ nn, state, shots }) => {
      const columns = shots
        .map((shot) => {
          const caption = `${state.label} — ${state.state} — ${LANGUAGE[shot.locale]}`;
          return `<figure lang="${shot.locale}">
  <figcaption><strong>${escape(LANGUAGE[shot.locale])}</strong> · <code>${escape(shot.url)}</code>${
    shot.failure ? `<pre class="failure">${escape(shot.failure)}</pre>` : ''
  }</figcaption>
  <div class="shots">${images(shot.files, caption)}</div>
</figure>`;
        })
        .join('\n');
      return `<section id="page-${nn}">
<h2>${nn}. ${escape(state.label)} <span class="state">${escape(state.state)}</span></h2>
<div class="languages">${columns}</div>
</section>`;
    })
    .join('\n');

  const emailSections = emails
    .map(({ template, renders }) => {
      const columns = renders
        .map(
          (r) => `<figure lang="${r.locale}">
  <figcaption><strong>${escape(LANGUAGE[r.locale])}</strong> · ${escape(r.subject) || '(no subject)'}
    · <a href="${rel(r.html)}">HTML</a> · <a href="${rel(r.text)}">text</a>${
      r.failure ? `<pre class="failure">${escape(r.failure)}</pre>` : ''
    }</figcaption>
  <div class="shots">${images(r.files, `${template}, ${LANGUAGE[r.locale]}`)}</div>
  <details><summary>Text version</summary><pre>${escape(r.textContent)}</pre></details>
</figure>`,
        )
        .join('\n');
      return `<section id="email-${escape(template)}">
<h2>${escape(template)} <span class="state">email</span></h2>
<div class="languages">${columns}</div>
</section>`;
    })
    .join('\n');

  const toc = [
    ...pages.map(
      ({ nn, state }) =>
        `<li><a href="#page-${nn}">${nn}. ${escape(state.label)}</a> <span class="state">${escape(state.state)}</span></li>`,
    ),
  ].join('\n');
  const emailToc = emails
    .map(({ template }) => `<li><a href="#email-${escape(template)}">${escape(template)}</a></li>`)
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>My ServiceOttawa — every page and email</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1800px; padding: 1rem 1.5rem 4rem; color: #1a1a1a; }
  h1 { margin-bottom: .25rem; }
  h2 { border-top: 3px solid #004890; padding-top: .75rem; margin-top: 3rem; }
  .state { font: 600 .8rem/1 system-ui, sans-serif; background: #e8eef5; color: #004890; padding: .2rem .5rem; border-radius: 1rem; vertical-align: middle; }
  .languages { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
  /* French and English side by side on a very wide screen. */
  @media (min-width: 2200px) { body { max-width: none; } .languages { grid-template-columns: 1fr 1fr; } }
  figure { margin: 0; }
  figcaption { margin-bottom: .5rem; }
  .shots { display: grid; grid-template-columns: 1280fr 360fr; gap: .75rem; align-items: start; }
  .shots img { width: 100%; border: 1px solid #bbb; display: block; }
  .missing { border: 2px dashed #b00; color: #b00; padding: 1rem; }
  .failure { color: #b00; white-space: pre-wrap; background: #fdecec; padding: .5rem; }
  .note { background: #fff6d6; padding: .5rem 1rem; }
  .failures { border: 2px solid #b00; padding: .5rem 1rem; }
  nav ul { columns: 3 18rem; list-style: none; padding: 0; }
  details pre { white-space: pre-wrap; background: #f4f4f4; padding: .75rem; }
</style>
</head>
<body>
<h1>My ServiceOttawa — every page and email</h1>
<p>Generated ${escape(new Date().toISOString().replace('T', ' ').slice(0, 16))} UTC by <code>npm run screenshots</code>.
Each page in French and English, at desktop width (1280 px) and phone width (360 px), full length.
Click a picture to see it at full size.</p>
${note ? `<p class="note">${escape(note)}</p>` : ''}
${
  failures.length
    ? `<div class="failures"><h2>${failures.length} problem${failures.length > 1 ? 's' : ''}</h2><ul>${failures
        .map((f) => `<li><pre class="failure">${escape(f)}</pre></li>`)
        .join('')}</ul></div>`
    : ''
}
<nav><h2>Pages</h2><ul>${toc}</ul><h2>Emails</h2><ul>${emailToc}</ul></nav>
<h2 style="border: 0">Pages</h2>
${pageSections}
<h2 style="border: 0">Emails</h2>
${emailSections}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(0);

async function main(): Promise<number> {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  // npm runs scripts from the project's folder; --out is relative to where it was typed.
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.out);
  process.chdir(ROOT);

  if (opts.skipBuild) {
    if (!fs.existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) {
      throw new Error(`--skip-build: no build in ${DIST_DIR}/ yet; run without --skip-build once`);
    }
  } else {
    await build();
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-screenshots-'));
  cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
  const server = await startServer(work);

  // Fresh output, leaving anything else in the folder alone.
  for (const sub of ['pages', 'emails', 'index.html']) {
    fs.rmSync(path.join(out, sub), { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });

  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
    // Ctrl-C is handled here: the server first, then the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  cleanups.push(() => browser.close());

  console.log('Pages:');
  const pages = await shootPages(browser, server, out);
  console.log('Emails:');
  const emails = await shootEmails(browser, out);

  const failures = [
    ...pages.flatMap(({ nn, state, shots }) =>
      shots.flatMap((s) =>
        s.failure
          ? [`page ${nn} ${state.label} (${state.state}, ${s.locale}, ${s.url}): ${s.failure}`]
          : [],
      ),
    ),
    ...emails.flatMap(({ template, renders }) =>
      renders.flatMap((r) => (r.failure ? [`email ${template} (${r.locale}): ${r.failure}`] : [])),
    ),
  ];
  const index = path.join(out, 'index.html');
  const note = emojiFontNote();
  fs.writeFileSync(index, indexHtml(out, pages, emails, failures, note));
  await cleanUp();

  const pngs = (rows: { files: Partial<Record<Width, string>> }[]) =>
    rows.reduce((n, r) => n + Object.keys(r.files).length, 0);
  const pagePngs = pngs(pages.flatMap((r) => r.shots));
  const emailRenders = emails.flatMap((r) => r.renders);
  const written = (kind: 'html' | 'text') =>
    emailRenders.filter((r) => fs.existsSync(r[kind])).length;
  const shown = path.relative(process.env.INIT_CWD ?? ROOT, out) || '.';
  console.log(`
Pages:  ${pages.length} states × ${LOCALES.length} languages → ${pagePngs} PNG (desktop and mobile)
Emails: ${emails.length} templates × ${LOCALES.length} languages → ${pngs(emailRenders)} PNG, ${written('html')} HTML, ${written('text')} text
Written to ${shown}/ — open ${path.join(shown, 'index.html')} in a browser.
${failures.length ? `${failures.length} problem(s):\n  ${failures.join('\n  ')}` : 'No problems.'}${
    note ? `\nNote: ${note}` : ''
  }
Took ${seconds(started)} s.`);
  return failures.length ? 1 : 0;
}

// After Ctrl-C, the signal handler cleans up and exits: what is left of the run just stops.
main().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  async (error: unknown) => {
    if (interrupted) return;
    console.error(
      `\nscreenshots failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await cleanUp();
    process.exit(1);
  },
);
