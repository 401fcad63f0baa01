/**
 * When the screenshot run ends (Playwright's globalTeardown, so also after a failure):
 * screenshots/index.html, every page and email in order, French and English, desktop and phone,
 * with the problems listed at the top, and a summary on the terminal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  MANIFEST_DIR,
  OUT,
  WIDTHS,
  type EmailShot,
  type Files,
  type Locale,
  type PageShot,
  type Width,
} from './support';

const LANGUAGE: Record<Locale, string> = { fr: 'Français', en: 'English' };

function read<T>(name: string): T[] {
  const file = path.join(MANIFEST_DIR, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T[]) : [];
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

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const rel = (file: string) => escape(path.relative(OUT, file).split(path.sep).join('/'));

function images(files: Files, alt: string): string {
  return (Object.keys(WIDTHS) as Width[])
    .map((width) =>
      files[width]
        ? `<a class="${width}" href="${rel(files[width]!)}"><img loading="lazy" src="${rel(files[width]!)}" alt="${escape(`${alt}, ${width}`)}"></a>`
        : `<div class="${width} missing">no ${width} screenshot</div>`,
    )
    .join('');
}

const failureBlock = (failure?: string) =>
  failure ? `<pre class="failure">${escape(failure)}</pre>` : '';

function indexHtml(
  pages: Map<string, PageShot[]>,
  emails: Map<string, EmailShot[]>,
  failures: string[],
  note: string | null,
): string {
  const pageSections = [...pages]
    .map(([nn, shots]) => {
      const first = shots[0]!;
      const columns = shots
        .map(
          (shot) => `<figure lang="${shot.locale}">
  <figcaption><strong>${escape(LANGUAGE[shot.locale])}</strong> · <code>${escape(shot.url)}</code>${failureBlock(shot.failure)}</figcaption>
  <div class="shots">${images(shot.files, `${shot.label} — ${shot.state} — ${LANGUAGE[shot.locale]}`)}</div>
</figure>`,
        )
        .join('\n');
      return `<section id="page-${nn}">
<h2>${nn}. ${escape(first.label)} <span class="state">${escape(first.state)}</span></h2>
<div class="languages">${columns}</div>
</section>`;
    })
    .join('\n');

  const emailSections = [...emails]
    .map(([template, renders]) => {
      const columns = renders
        .map(
          (r) => `<figure lang="${r.locale}">
  <figcaption><strong>${escape(LANGUAGE[r.locale])}</strong> · ${escape(r.subject) || '(no subject)'}
    · <a href="${rel(r.html)}">HTML</a> · <a href="${rel(r.text)}">text</a>${failureBlock(r.failure)}</figcaption>
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

  const toc = [...pages]
    .map(
      ([nn, [first]]) =>
        `<li><a href="#page-${nn}">${nn}. ${escape(first!.label)}</a> <span class="state">${escape(first!.state)}</span></li>`,
    )
    .join('\n');
  const emailToc = [...emails.keys()]
    .map((template) => `<li><a href="#email-${escape(template)}">${escape(template)}</a></li>`)
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

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export default function writeIndex(): void {
  const pageShots = [...read<PageShot>('pages-fr'), ...read<PageShot>('pages-en')];
  const emailShots = read<EmailShot>('emails');
  const pages = new Map(
    [...groupBy(pageShots, (s) => s.nn)].sort(([a], [b]) => a.localeCompare(b)),
  );
  const emails = groupBy(emailShots, (s) => s.template);
  const failures = [
    ...pageShots.flatMap((s) =>
      s.failure
        ? [`page ${s.nn} ${s.label} (${s.state}, ${s.locale}, ${s.url}): ${s.failure}`]
        : [],
    ),
    ...emailShots.flatMap((s) =>
      s.failure ? [`email ${s.template} (${s.locale}): ${s.failure}`] : [],
    ),
  ];
  const note = emojiFontNote();
  fs.mkdirSync(OUT, { recursive: true });
  const index = path.join(OUT, 'index.html');
  fs.writeFileSync(index, indexHtml(pages, emails, failures, note));
  fs.rmSync(MANIFEST_DIR, { recursive: true, force: true });

  const pngs = (shots: { files: Files }[]) =>
    shots.reduce((n, s) => n + Object.keys(s.files).length, 0);
  const written = (kind: 'html' | 'text') =>
    emailShots.filter((s) => fs.existsSync(s[kind])).length;
  const shown = path.relative(process.env.INIT_CWD ?? process.cwd(), OUT) || '.';
  console.log(`
Pages:  ${pages.size} states × 2 languages → ${pngs(pageShots)} PNG (desktop and mobile)
Emails: ${emails.size} templates × 2 languages → ${pngs(emailShots)} PNG, ${written('html')} HTML, ${written('text')} text
Written to ${shown}/ — open ${path.join(shown, 'index.html')} in a browser.
${failures.length ? `${failures.length} problem(s):\n  ${failures.join('\n  ')}` : 'No problems.'}${
    note ? `\nNote: ${note}` : ''
  }`);
}
