import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No emoji anywhere the portal's words or pages come from: where no emoji font is installed
 * (many Linux desktops, kiosks, some screen readers' braille output) they show as empty boxes or
 * are read out by their Unicode names. Icons are inline SVG (app/_components/icons.tsx).
 */
const root = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['messages', 'emails', 'app', 'lib'];
const EXTENSIONS = new Set(['.json', '.ts', '.tsx', '.css', '.md']);
/** Extended_Pictographic also holds signs that are ordinary text in legal and product names. */
const ALLOWED = new Set(['©', '®', '™']);
const PICTOGRAPHIC = /\p{Extended_Pictographic}/gu;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full);
    return EXTENSIONS.has(path.extname(entry.name)) ? [full] : [];
  });
}

/** Every emoji of a text, as "file:line: 🔥 (U+1F525)". */
function emojiIn(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(PICTOGRAPHIC)]
      .map((m) => m[0])
      .filter((c) => !ALLOWED.has(c))
      .map((c) => `${file}:${index + 1}: ${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`),
  );
}

describe('emoji', () => {
  it('are found by the scan, and ©, ® and ™ are left alone', () => {
    expect(emojiIn('x.json', '{"a": "Collecte 🗓", "b": "💧"}\n"© Ville ™ ®"\n"✉ ▶"')).toEqual([
      'x.json:1: 🗓 (U+1F5D3)',
      'x.json:1: 💧 (U+1F4A7)',
      'x.json:3: ✉ (U+2709)',
      'x.json:3: ▶ (U+25B6)',
    ]);
  });

  it('appear nowhere in messages, emails, app or lib', () => {
    const scanned = SCANNED.flatMap((dir) => files(path.join(root, dir)));
    expect(scanned.length).toBeGreaterThan(50);
    const found = scanned.flatMap((file) =>
      emojiIn(path.relative(root, file), fs.readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([]);
  });
});
