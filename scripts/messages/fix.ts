/**
 * `npm run messages:fix`: applies French typography to the French locale files, the two mistakes
 * `npm run messages:check` reports most: a straight apostrophe ' becomes ’, and the space before
 * : ; ? ! » and after « becomes a non-breaking one (added before ? and ! when missing). URLs,
 * times (12:30) and {placeholder} syntax are left alone. Run `npm run messages:check` afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixFrenchMessage } from './french-typography';

const FILES = ['messages/fr.json', 'emails/messages/fr.json'];
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function walk(value: Json): Json {
  if (typeof value === 'string') return fixFrenchMessage(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  }
  return value;
}

function main() {
  for (const file of FILES) {
    const full = path.resolve(file);
    const before = fs.readFileSync(full, 'utf8');
    const after = `${JSON.stringify(walk(JSON.parse(before) as Json), null, 2)}\n`;
    if (after !== before) fs.writeFileSync(full, after);
    console.log(`${file}: ${after === before ? 'nothing to fix' : 'fixed'}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) main();
