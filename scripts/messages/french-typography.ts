/**
 * French typography, the one rule set no library knows: the typographic apostrophe ’, and a
 * non-breaking space before : ; ? ! » and after «. `check*` says what is wrong (for
 * `npm run messages:check`); `fixFrenchMessage` puts it right (for `npm run messages:fix`).
 */
import {
  isLiteralElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

const NBSP = '\u00a0';

/** Typography for one piece of French text outside {…} syntax. */
export function fixFrenchText(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/[ \t]+([:;?!»])/g, `${NBSP}$1`)
    .replace(/([\p{L}\p{N})’"])([?!])/gu, `$1${NBSP}$2`)
    .replace(/«[ \t]+/g, `«${NBSP}`)
    .replace(/«(?=[^\s\u00a0\u202f])/g, `«${NBSP}`);
}

/** Applies fixFrenchText to the literal parts of an ICU message, keeping URLs as they are. */
export function fixFrenchMessage(message: string): string {
  let depth = 0;
  let out = '';
  let literal = '';
  const flush = () => {
    out += literal
      .split(/(\bhttps?:\/\/\S+)/)
      .map((part, i) => (i % 2 ? part : fixFrenchText(part)))
      .join('');
    literal = '';
  };
  for (const c of message) {
    if (c === '{') {
      if (depth === 0) flush();
      depth += 1;
      out += c;
    } else if (c === '}') {
      depth = Math.max(depth - 1, 0);
      out += c;
    } else if (depth === 0) {
      literal += c;
    } else {
      // Inside {…}: plural/select cases hold text again after their own "{".
      out += c;
    }
  }
  flush();
  return out;
}

/** A short piece of text around `index`, on one line. */
export function excerpt(text: string, index: number, before = 18, after = 12): string {
  const start = Math.max(0, index - before);
  const end = Math.min(text.length, index + 1 + after);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`.replace(
    /\s*\n\s*/g,
    ' ',
  );
}

const APOSTROPHE_WORD = /[\p{L}\p{N}]*(?:'+[\p{L}\p{N}]*)+/gu;

/** The straight apostrophes of a French text, as one sentence, or undefined. */
export function checkApostrophes(text: string): string | undefined {
  const words = [...text.matchAll(APOSTROPHE_WORD)].map((m) => m[0]);
  if (words.length === 0) return undefined;
  const count = [...text].filter((c) => c === "'").length;
  const unique = [...new Set(words)];
  const shown = unique.slice(0, 6);
  const more = unique.length > shown.length ? `, and ${unique.length - shown.length} more` : '';
  const example = shown[0]!.replace(/''/g, "'").replace(/'/g, '’');
  const doubled = words.some((w) => w.includes("''")) ? " (a doubled '' becomes a single ’)" : '';
  const quoted = shown.map((w) => `"${w}"`).join(', ');
  return `the French text has ${count === 1 ? 'a straight apostrophe' : `${count} straight apostrophes`} ' (in ${quoted}${more}) — use the typographic apostrophe ’ instead${doubled}, e.g. "${example}"`;
}

const NARROW_OR_NBSP = new Set(['\u00a0', '\u202f']);
const SPACE_BEFORE = new Set([':', ';', '?', '!', '»']);
/** A sign right after one of these is part of a group ("?!", "…?") and needs no space of its own. */
const PUNCTUATION_RUN = new Set(['?', '!', '.', '…', ':', ';']);
const URL = /\b(?:https?:\/\/|mailto:|tel:|www\.)\S*/gi;
const ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi;

/**
 * Spacing mistakes in one literal piece of French text. `afterNonText`: the piece follows a
 * placeholder or a tag ("{name}!"), which counts as a word before the sign.
 */
function spacingIssues(text: string, afterNonText: boolean): string[] {
  const skip = [...text.matchAll(URL), ...text.matchAll(ENTITY)].map(
    (m) => [m.index, m.index + m[0].length] as const,
  );
  const issues: string[] = [];
  const fix = (i: number, sign: string) => {
    const word = (text.slice(0, i).match(/(\S+)\s?$/)?.[1] ?? '').replace(/'/g, '’');
    return word ? ` (e.g. "${word}\\u00a0${sign}")` : '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (skip.some(([start, end]) => i >= start && i < end)) continue;
    if (SPACE_BEFORE.has(c)) {
      const prev = i > 0 ? text[i - 1]! : undefined;
      if (prev === undefined && !afterNonText) continue;
      if (prev !== undefined && (NARROW_OR_NBSP.has(prev) || PUNCTUATION_RUN.has(prev))) continue;
      // Times and ratios such as 12:30 are not French punctuation.
      if (c === ':' && prev !== undefined && /\d/.test(prev) && /\d/.test(text[i + 1] ?? ''))
        continue;
      issues.push(
        prev !== undefined && /\s/.test(prev)
          ? `a regular space before "${c}" in "${excerpt(text, i)}" — replace that space with a non-breaking space${fix(i, c)}`
          : `no space before "${c}" in "${excerpt(text, i)}" — add a non-breaking space before it${fix(i, c)}`,
      );
    } else if (c === '«') {
      const next = text[i + 1];
      if (next !== undefined && NARROW_OR_NBSP.has(next)) continue;
      issues.push(
        next !== undefined && /\s/.test(next)
          ? `a regular space after "«" in "${excerpt(text, i, 12, 18)}" — replace that space with a non-breaking space (\\u00a0)`
          : `no space after "«" in "${excerpt(text, i, 12, 18)}" — add a non-breaking space (\\u00a0) after it`,
      );
    }
  }
  return issues;
}

/** Spacing mistakes in the literal text of a parsed message, never in its {…} syntax. */
export function checkSpacing(ast: readonly MessageFormatElement[]): string | undefined {
  const issues: string[] = [];
  const walk = (elements: readonly MessageFormatElement[]) =>
    elements.forEach((el, index) => {
      const previous = elements[index - 1];
      if (isLiteralElement(el)) {
        issues.push(
          ...spacingIssues(el.value, previous !== undefined && !isLiteralElement(previous)),
        );
      } else if (isPluralElement(el) || isSelectElement(el)) {
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (isTagElement(el)) {
        walk(el.children);
      }
    });
  walk(ast);
  if (issues.length === 0) return undefined;
  if (issues.length === 1) return `the French text has ${issues[0]}`;
  return `the French text has ${issues.length} spacing mistakes: ${issues.map((issue, i) => `(${i + 1}) ${issue}`).join('; ')}`;
}
