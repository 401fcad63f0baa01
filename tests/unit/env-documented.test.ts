import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every environment variable the portal's code reads is documented for operators, in README's
 * table and in .env.example, so a new setting (storage, payments, staff) cannot ship unexplained.
 * The scan reads `process.env.NAME`, `env.NAME` (a function given process.env) and
 * `env['NAME']` in the code that runs or builds the portal, and its commands.
 */
const root = path.resolve(import.meta.dirname, '../..');
const SOURCES = [
  'app',
  'lib',
  'emails',
  'scripts',
  'middleware.ts',
  'instrumentation.ts',
  'next.config.ts',
  'drizzle.config.ts',
];
/** Set by Node.js, Next.js or the host itself, never by an operator. */
const PLATFORM = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'VERCEL', 'AWS_LAMBDA_FUNCTION_NAME']);
const READ = /\b(?:process\.)?env(?:\.([A-Z][A-Z0-9_]+)|\[\s*['"]([A-Z][A-Z0-9_]+)['"]\s*\])/g;

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mjs|cjs|js)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(full, f));
}

function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCES.flatMap(sourceFiles)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(READ)) {
      const name = match[1] ?? match[2]!;
      if (!PLATFORM.has(name) && !found.has(name)) found.set(name, path.relative(root, file));
    }
  }
  return found;
}

describe('environment variables', () => {
  const read = variablesRead();

  it('finds the ones the portal is known to read (the scan works)', () => {
    for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'PIN_PEPPER', 'APP_URL', 'CRON_SECRET']) {
      expect(read.has(name), name).toBe(true);
    }
  });

  it('has every variable the code reads in README’s table and in .env.example', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = new Set(
      [...readme.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]),
    );
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = [...read]
      .filter(([name]) => !table.has(name) || !listed.has(name))
      .map(
        ([name, file]) =>
          `${name} (read in ${file}): ${table.has(name) ? '' : 'not in README’s table; '}${listed.has(name) ? '' : 'not in .env.example'}`,
      );
    expect(missing).toEqual([]);
  });
});
