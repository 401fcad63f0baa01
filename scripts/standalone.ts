/**
 * `tsx scripts/standalone.ts [--to DIR]`: completes the standalone server that `next build`
 * writes (next.config.ts, `output: 'standalone'`) into a folder that runs on its own. Next.js leaves
 * the browser's files out of it on purpose (a CDN may serve them): as its documentation says, copy
 * `.next/static` to `.next/standalone/.next/static` and `public/` to `.next/standalone/public`.
 * `npm run build` runs this after `next build`.
 *
 * With `--to DIR`, the completed folder is then copied to DIR (emptied first): what a deploy
 * ships. Start it with `node DIR/server.js`, with `PORT` and `HOSTNAME` (README, "Deploy on one
 * server behind nginx"); it needs nothing else from the repository, node_modules included.
 * NEXT_DIST_DIR names another build folder, as for `next build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Completes `<distDir>/standalone`; returns its path. */
export function prepareStandalone(
  root: string = process.cwd(),
  distDir: string | undefined = process.env.NEXT_DIST_DIR,
): string {
  const dist = path.resolve(root, distDir || '.next');
  const standalone = path.join(dist, 'standalone');
  if (!fs.existsSync(path.join(standalone, 'server.js'))) {
    throw new Error(
      `no standalone server in ${standalone}: run \`npm run build\` (next.config.ts has output: 'standalone')`,
    );
  }
  const copies: Array<[string, string]> = [
    [path.join(dist, 'static'), path.join(standalone, path.relative(root, dist), 'static')],
    [path.join(root, 'public'), path.join(standalone, 'public')],
  ];
  for (const [from, to] of copies) {
    // Replaced whole: files of an earlier build must not linger.
    fs.rmSync(to, { recursive: true, force: true });
    if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
  }
  return standalone;
}

/** Copies the completed standalone folder to `to` (emptied first); returns its path. */
export function copyStandalone(standalone: string, to: string): string {
  const target = path.resolve(to);
  fs.rmSync(target, { recursive: true, force: true });
  // verbatimSymlinks: node_modules links stay relative, inside the copy.
  fs.cpSync(standalone, target, { recursive: true, verbatimSymlinks: true });
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  if (process.env.VERCEL) {
    // next.config.ts builds no standalone server there: the host packages the build itself.
    console.log('standalone server: not built on Vercel (VERCEL is set)');
    process.exit(0);
  }
  try {
    const standalone = prepareStandalone();
    const where = values.to ? copyStandalone(standalone, values.to) : standalone;
    console.log(
      `standalone server ready: node ${path.relative(process.cwd(), where) || '.'}/server.js`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
