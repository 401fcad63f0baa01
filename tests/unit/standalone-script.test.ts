import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyStandalone, prepareStandalone } from '@/scripts/standalone';

/**
 * scripts/standalone.ts, on a made-up build: what Next.js leaves out of .next/standalone (the
 * browser's files, public/) is copied in, replacing an earlier build's; `--to` copies the result
 * whole. The real build runs on it in `npm run test:e2e:neon` (tests/e2e/standalone.spec.ts).
 */
const made: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monso-standalone-test-'));
  made.push(dir);
  return dir;
}
function write(file: string, content = 'x') {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('scripts/standalone.ts', () => {
  it('copies .next/static and public/ into the standalone folder, replacing the old ones', () => {
    const root = tempDir();
    write(path.join(root, '.next/standalone/server.js'));
    write(path.join(root, '.next/standalone/.next/static/old-build.js'));
    write(path.join(root, '.next/static/chunks/app.js'), 'new');
    write(path.join(root, 'public/robots.txt'));
    const standalone = prepareStandalone(root, undefined);
    expect(standalone).toBe(path.join(root, '.next/standalone'));
    expect(fs.readFileSync(path.join(standalone, '.next/static/chunks/app.js'), 'utf8')).toBe(
      'new',
    );
    expect(fs.existsSync(path.join(standalone, '.next/static/old-build.js'))).toBe(false);
    expect(fs.existsSync(path.join(standalone, 'public/robots.txt'))).toBe(true);
  });

  it('follows another build folder (NEXT_DIST_DIR) and needs no public/', () => {
    const root = tempDir();
    write(path.join(root, '.next-other/standalone/server.js'));
    write(path.join(root, '.next-other/static/a.css'));
    const standalone = prepareStandalone(root, '.next-other');
    expect(fs.existsSync(path.join(standalone, '.next-other/static/a.css'))).toBe(true);
    expect(fs.existsSync(path.join(standalone, 'public'))).toBe(false);
  });

  it('says what to do when the build made no standalone server', () => {
    const root = tempDir();
    write(path.join(root, '.next/static/a.js'));
    expect(() => prepareStandalone(root, undefined)).toThrow(/npm run build/);
  });

  it('--to copies the completed folder, emptied first, with its links kept relative', () => {
    const root = tempDir();
    write(path.join(root, '.next/standalone/server.js'), 'server');
    write(path.join(root, '.next/standalone/node_modules/pkg/index.js'));
    fs.mkdirSync(path.join(root, '.next/standalone/.next/node_modules'), { recursive: true });
    fs.symlinkSync(
      '../../node_modules/pkg',
      path.join(root, '.next/standalone/.next/node_modules/pkg-hash'),
    );
    write(path.join(root, '.next/static/a.js'));
    const target = path.join(tempDir(), 'release');
    write(path.join(target, 'stale.txt'));
    copyStandalone(prepareStandalone(root, undefined), target);
    expect(fs.readFileSync(path.join(target, 'server.js'), 'utf8')).toBe('server');
    expect(fs.existsSync(path.join(target, '.next/static/a.js'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'stale.txt'))).toBe(false);
    const link = path.join(target, '.next/node_modules/pkg-hash');
    expect(fs.readlinkSync(link)).toBe('../../node_modules/pkg');
    expect(fs.existsSync(path.join(link, 'index.js'))).toBe(true);
  });
});

describe('next.config.ts', () => {
  it('builds a standalone server, with drizzle/ traced for the embedded database', async () => {
    const { default: config } = await import('@/next.config');
    expect(config.output).toBe(process.env.VERCEL ? undefined : 'standalone');
    expect(config.outputFileTracingIncludes?.['*']).toContain('./drizzle/**/*');
  });
});
