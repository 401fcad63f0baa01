/**
 * Checks the message files that content editors edit (messages/{fr,en}.json and
 * emails/messages/{fr,en}.json) and says, in plain English, what is wrong and how to fix it.
 * Pure functions: the caller reads the files and scans the code (scripts/messages-check.ts,
 * lib/i18n/check-messages-files.ts) and passes what it found in.
 */
import {
  isArgumentElement,
  isDateElement,
  isLiteralElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

export type Rule =
  | 'json-syntax'
  | 'keys-differ'
  | 'empty'
  | 'not-text'
  | 'icu-syntax'
  | 'icu-mismatch'
  | 'apostrophe'
  | 'nbsp'
  | 'missing-in-messages'
  | 'unused';

export type Problem = {
  /** The file to edit: a message file, or for `missing-in-messages` the code that uses the key. */
  file: string;
  /** The full dotted key path; array items are numbered from 0 ("Terms.paragraphs.2"). */
  key: string;
  rule: Rule;
  /** One line of plain English: `file › key: what is wrong — how to fix it.` */
  message: string;
};

export type LocaleFile = { file: string; json: unknown };

/** Keys the code uses; as a Map, each key lists where it is used ("app/x.tsx:12"). */
export type UsedKeys = ReadonlySet<string> | ReadonlyMap<string, readonly string[]>;

export type KeyUsage = {
  /** Full dotted keys the code asks for. A key naming a group (t.raw) uses everything under it. */
  usedKeys?: UsedKeys;
  /** Keys built at run time: everything under `ActivatePage.states` counts as used. */
  dynamicPrefixes?: readonly string[];
  /**
   * Finer than a prefix: `*` stands for any text, so `ActivatePage.states.*.title` (from
   * ``t(`states.${key}.title`)``) uses every state's title and nothing else.
   */
  dynamicPatterns?: readonly string[];
};

export type MessagePair = KeyUsage & {
  name: string;
  fr: LocaleFile;
  en: LocaleFile;
};

/** Usage given at the top level applies to every pair that does not give its own. */
export type CheckInput = KeyUsage & { pairs: readonly MessagePair[] };

/** Short advice per rule, for the end of a report. */
export const HOW_TO_FIX: Record<Rule, string> = {
  'json-syntax':
    'The file is not valid JSON any more: look at the line given (often a missing comma, or a " inside a text that should be written \\").',
  'keys-differ':
    'Every key must exist in both the French and the English file: add the missing text, or remove the key from both files.',
  empty: 'Write the text, or ask a developer to remove the key from both files.',
  'not-text': 'A message must be text in double quotes (or a list of texts, or a group of keys).',
  'icu-syntax':
    'Curly braces { } and tags <b></b> are placeholders: each { needs its }, each <tag> its </tag>, and a plural or select needs an other {…} case.',
  'icu-mismatch':
    'Both languages must use the same placeholders {name}, the same plural/select cases and the same tags <link></link>; translate the words around them only.',
  apostrophe: "In French text, type the typographic apostrophe ’ (not the straight one ').",
  nbsp: 'French needs a non-breaking space before : ; ? ! » and after «, so the sign never starts a line. In the JSON file, write it as \\u00a0 (or \\u202f for a narrow one), e.g. "oublié\\u00a0?".',
  'missing-in-messages':
    'The code asks for a text that is in neither file: add it to both files, or ask a developer to correct the key in the code.',
  unused:
    'No code shows this text: ask a developer whether it can be removed from both files (or whether the checker missed where it is used).',
};

type Leaf = { key: string; value: unknown };

const FR = 'French';
const EN = 'English';

/** Every leaf of a message tree as a full dotted key; arrays are numbered from 0. */
export function flattenMessages(json: unknown, prefix = ''): Leaf[] {
  const children: Array<[string, unknown]> = Array.isArray(json)
    ? json.map((value, index) => [String(index), value])
    : json !== null && typeof json === 'object'
      ? Object.entries(json)
      : [];
  if (children.length === 0) return prefix ? [{ key: prefix, value: json }] : [];
  return children.flatMap(([name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    return value !== null && typeof value === 'object'
      ? flattenMessages(value, key)
      : [{ key, value }];
  });
}

/** All the dotted keys that lead to a leaf: "A", "A.b" for "A.b.c". */
function ancestorsOf(key: string): string[] {
  const parts = key.split('.');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** "*" in a pattern stands for any non-empty text; everything else is literal. */
export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${body}$`);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function quoteList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

/** A short piece of text around `index`, on one line. */
function excerpt(text: string, index: number, before = 18, after = 12): string {
  const start = Math.max(0, index - before);
  const end = Math.min(text.length, index + 1 + after);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`.replace(
    /\s*\n\s*/g,
    ' ',
  );
}

// ---------------------------------------------------------------------------------------------
// ICU MessageFormat

type ParseResult = { ok: true; ast: MessageFormatElement[] } | { ok: false; problem: string };

const PARSE_ERRORS: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a { is never closed by a }',
  EMPTY_ARGUMENT: 'there is an empty {} (a placeholder needs a name inside, like {name})',
  MALFORMED_ARGUMENT:
    'a placeholder is malformed: inside { } only a name such as {name} is allowed (to show a { or } as text, ask a developer)',
  EXPECT_ARGUMENT_TYPE: 'a placeholder has a comma but no type after it (like {count, plural, …})',
  INVALID_ARGUMENT_TYPE:
    'a placeholder has an unknown type after its comma (allowed: number, date, time, plural, select, selectordinal)',
  EXPECT_ARGUMENT_STYLE: 'a placeholder has a second comma but no style after it',
  INVALID_NUMBER_SKELETON: 'a number format (after ::) is not valid',
  INVALID_DATE_TIME_SKELETON: 'a date or time format (after ::) is not valid',
  EXPECT_NUMBER_SKELETON: 'a number format is missing after ::',
  EXPECT_DATE_TIME_SKELETON: 'a date or time format is missing after ::',
  UNCLOSED_QUOTE_IN_ARGUMENT_STYLE:
    "an apostrophe ' opens a quote inside a placeholder that is never closed",
  EXPECT_SELECT_ARGUMENT_OPTIONS: 'a select has no cases',
  EXPECT_PLURAL_ARGUMENT_OFFSET_VALUE: 'a plural offset: has no number',
  INVALID_PLURAL_ARGUMENT_OFFSET_VALUE: 'a plural offset: is not a number',
  EXPECT_SELECT_ARGUMENT_SELECTOR: 'a select is missing a case name before a {…}',
  EXPECT_PLURAL_ARGUMENT_SELECTOR: 'a plural is missing a case name (one, other, =0…) before a {…}',
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: 'a select case has no text in { } after its name',
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: 'a plural case has no text in { } after its name',
  INVALID_PLURAL_ARGUMENT_SELECTOR:
    'a plural case name is not valid (use zero, one, two, few, many, other or =0, =1…)',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural has the same case twice',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'a select has the same case twice',
  MISSING_OTHER_CLAUSE: 'a plural or select has no other {…} case (it is required)',
  INVALID_TAG: 'a tag is malformed: tags are written <name>…</name>, with no attributes',
  INVALID_TAG_NAME: 'a tag has an invalid name: tags are written <name>…</name>',
  UNMATCHED_CLOSING_TAG: 'a closing tag </…> does not match the tag opened before it',
  UNCLOSED_TAG: 'a tag <…> is opened but never closed with </…>',
};

function parseMessage(text: string): ParseResult {
  try {
    return { ok: true, ast: parse(text, { ignoreTag: false, captureLocation: true }) };
  } catch (error) {
    const kind = error instanceof Error ? error.message : String(error);
    const offset = (error as { location?: { start?: { offset?: number } } }).location?.start
      ?.offset;
    const what = PARSE_ERRORS[kind] ?? `the text is not valid ICU MessageFormat (${kind})`;
    const where = typeof offset === 'number' ? ` near "${excerpt(text, offset, 15, 15)}"` : '';
    return { ok: false, problem: `${what}${where}` };
  }
}

type Shape = {
  /** Placeholder name → its kinds (text, number, date, time, plural, selectordinal, select). */
  args: Map<string, Set<string>>;
  /** "count (plural)" → its case names. */
  cases: Map<string, Set<string>>;
  tags: Set<string>;
};

function shapeOf(ast: readonly MessageFormatElement[]): Shape {
  const shape: Shape = { args: new Map(), cases: new Map(), tags: new Set() };
  const addArg = (name: string, kind: string) => {
    const kinds = shape.args.get(name) ?? new Set<string>();
    kinds.add(kind);
    shape.args.set(name, kinds);
  };
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (isArgumentElement(el)) addArg(el.value, 'text');
      else if (isNumberElement(el)) addArg(el.value, 'number');
      else if (isDateElement(el)) addArg(el.value, 'date');
      else if (isTimeElement(el)) addArg(el.value, 'time');
      else if (isPluralElement(el) || isSelectElement(el)) {
        const kind = isSelectElement(el)
          ? 'select'
          : el.pluralType === 'ordinal'
            ? 'selectordinal'
            : 'plural';
        addArg(el.value, kind);
        const label = `{${el.value}, ${kind}}`;
        const cases = shape.cases.get(label) ?? new Set<string>();
        for (const [name, option] of Object.entries(el.options)) {
          cases.add(name);
          walk(option.value);
        }
        shape.cases.set(label, cases);
      } else if (isTagElement(el)) {
        shape.tags.add(el.value);
        walk(el.children);
      }
    }
  };
  walk(ast);
  return shape;
}

function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...a].filter((item) => !b.has(item));
}

/** What differs between the French and the English shape, each as [side to fix, sentence]. */
function compareShapes(fr: Shape, en: Shape): Array<['fr' | 'en', string]> {
  const out: Array<['fr' | 'en', string]> = [];
  const names = new Set([...fr.args.keys(), ...en.args.keys()]);
  for (const name of names) {
    const frKinds = fr.args.get(name);
    const enKinds = en.args.get(name);
    if (!enKinds) {
      out.push([
        'en',
        `the French text has the placeholder {${name}} but the English text does not — add {${name}} to the English text (or remove it from the French one); keep the name exactly as it is`,
      ]);
    } else if (!frKinds) {
      out.push([
        'fr',
        `the English text has the placeholder {${name}} but the French text does not — add {${name}} to the French text (or remove it from the English one); keep the name exactly as it is`,
      ]);
    } else if ([...frKinds].sort().join() !== [...enKinds].sort().join()) {
      out.push([
        'en',
        `the placeholder {${name}} is used as ${[...frKinds].join(' and ')} in French but as ${[...enKinds].join(' and ')} in English — write it the same way in both (copy the part in { } from the French text)`,
      ]);
    }
  }
  for (const label of new Set([...fr.cases.keys(), ...en.cases.keys()])) {
    const frCases = fr.cases.get(label);
    const enCases = en.cases.get(label);
    if (!frCases || !enCases) continue; // already reported as a different placeholder kind
    const onlyFr = difference(frCases, enCases);
    const onlyEn = difference(enCases, frCases);
    if (onlyFr.length === 0 && onlyEn.length === 0) continue;
    const parts = [
      onlyFr.length ? `${onlyFr.join(', ')} only in French` : '',
      onlyEn.length ? `${onlyEn.join(', ')} only in English` : '',
    ].filter(Boolean);
    out.push([
      onlyFr.length ? 'en' : 'fr',
      `${label} has different cases (${parts.join('; ')}) — give it the same cases in both languages (French: ${[...frCases].join(', ')}; English: ${[...enCases].join(', ')})`,
    ]);
  }
  for (const tag of difference(fr.tags, en.tags)) {
    out.push([
      'en',
      `the French text has the tag <${tag}>…</${tag}> but the English text does not — put <${tag}> and </${tag}> around the matching words in English`,
    ]);
  }
  for (const tag of difference(en.tags, fr.tags)) {
    out.push([
      'fr',
      `the English text has the tag <${tag}>…</${tag}> but the French text does not — put <${tag}> and </${tag}> around the matching words in French`,
    ]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// French typography

const APOSTROPHE_WORD = /[\p{L}\p{N}]*(?:'+[\p{L}\p{N}]*)+/gu;

function apostropheProblem(text: string): string | undefined {
  const words = [...text.matchAll(APOSTROPHE_WORD)].map((m) => m[0]);
  if (words.length === 0) return undefined;
  const count = [...text].filter((c) => c === "'").length;
  const unique = [...new Set(words)];
  const shown = unique.slice(0, 6);
  const more = unique.length > shown.length ? `, and ${unique.length - shown.length} more` : '';
  const example = shown[0]!.replace(/''/g, "'").replace(/'/g, '’');
  const doubled = words.some((w) => w.includes("''")) ? " (a doubled '' becomes a single ’)" : '';
  return `the French text has ${count === 1 ? 'a straight apostrophe' : `${count} straight apostrophes`} ' (in ${quoteList(shown)}${more}) — use the typographic apostrophe ’ instead${doubled}, e.g. "${example}"`;
}

const NBSP = new Set(['\u00a0', '\u202f']);
const SPACE_BEFORE = new Set([':', ';', '?', '!', '»']);
/** A sign right after one of these is part of a group ("?!", "…?") and needs no space of its own. */
const PUNCTUATION_RUN = new Set(['?', '!', '.', '…', ':', ';']);
const URL = /\b(?:https?:\/\/|mailto:|www\.)\S*/gi;
const ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi;

function spans(text: string, pattern: RegExp): Array<[number, number]> {
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Spacing mistakes in one literal piece of French text. `afterNonText`: the piece follows a
 * placeholder or a tag ("{name}!"), which counts as a word before the sign.
 */
function spacingIssues(text: string, afterNonText: boolean): string[] {
  const skip = [...spans(text, URL), ...spans(text, ENTITY)];
  const skipped = (i: number) => skip.some(([start, end]) => i >= start && i < end);
  const issues: string[] = [];
  const fix = (i: number, sign: string) => {
    const word = (text.slice(0, i).match(/(\S+)\s?$/)?.[1] ?? '').replace(/'/g, '’');
    return word ? ` (e.g. "${word}\\u00a0${sign}")` : '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (skipped(i)) continue;
    if (SPACE_BEFORE.has(c)) {
      const prev = i > 0 ? text[i - 1]! : undefined;
      if (prev === undefined && !afterNonText) continue;
      if (prev !== undefined && (NBSP.has(prev) || PUNCTUATION_RUN.has(prev))) continue;
      // Times and ratios such as 12:30, and "::" or similar runs, are not French punctuation.
      if (c === ':' && prev !== undefined && /\d/.test(prev) && /\d/.test(text[i + 1] ?? ''))
        continue;
      if (prev !== undefined && /\s/.test(prev)) {
        issues.push(
          `a regular space before "${c}" in "${excerpt(text, i)}" — replace that space with a non-breaking space${fix(i, c)}`,
        );
      } else {
        issues.push(
          `no space before "${c}" in "${excerpt(text, i)}" — add a non-breaking space before it${fix(i, c)}`,
        );
      }
    } else if (c === '«') {
      const next = text[i + 1];
      if (next !== undefined && NBSP.has(next)) continue;
      issues.push(
        next !== undefined && /\s/.test(next)
          ? `a regular space after "«" in "${excerpt(text, i, 12, 18)}" — replace that space with a non-breaking space (\\u00a0)`
          : `no space after "«" in "${excerpt(text, i, 12, 18)}" — add a non-breaking space (\\u00a0) after it`,
      );
    }
  }
  return issues;
}

/** Walks only the literal text of the message, never the {placeholder, plural, …} syntax. */
function frenchSpacingIssues(ast: readonly MessageFormatElement[]): string[] {
  const issues: string[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    elements.forEach((el, index) => {
      const previous = index > 0 ? elements[index - 1] : undefined;
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
  };
  walk(ast);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The check

function usageOf(pair: MessagePair, input: CheckInput): KeyUsage {
  return {
    usedKeys: pair.usedKeys ?? input.usedKeys,
    dynamicPrefixes: pair.dynamicPrefixes ?? input.dynamicPrefixes,
    dynamicPatterns: pair.dynamicPatterns ?? input.dynamicPatterns,
  };
}

function checkPair(pair: MessagePair, usage: KeyUsage): Problem[] {
  const problems: Problem[] = [];
  const report = (file: string, key: string, rule: Rule, text: string) =>
    problems.push({ file, key, rule, message: `${file} › ${key}: ${text}.` });

  const files = { fr: pair.fr, en: pair.en };
  const leaves = { fr: flattenMessages(pair.fr.json), en: flattenMessages(pair.en.json) };
  for (const side of ['fr', 'en'] as const) {
    const json = files[side].json;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      report(
        files[side].file,
        '(whole file)',
        'not-text',
        'the file must hold one JSON object { "Namespace": { "key": "text" } }',
      );
    }
  }
  const values = {
    fr: new Map(leaves.fr.map((l) => [l.key, l.value])),
    en: new Map(leaves.en.map((l) => [l.key, l.value])),
  };
  const label = { fr: FR, en: EN };

  // Keys present on one side only.
  for (const [side, other] of [
    ['fr', 'en'],
    ['en', 'fr'],
  ] as const) {
    const otherKeys = values[other];
    for (const { key } of leaves[side]) {
      if (otherKeys.has(key)) continue;
      const otherIsGroup = [...otherKeys.keys()].some((k) => k.startsWith(`${key}.`));
      const otherIsText = ancestorsOf(key).find((a) => otherKeys.has(a));
      if (otherIsGroup) {
        report(
          files[other].file,
          key,
          'keys-differ',
          `is a text in ${files[side].file} but a group of keys in ${files[other].file} — make both files the same shape`,
        );
      } else if (otherIsText) {
        // The same mismatch, already reported from the side where the key is a single text.
        continue;
      } else {
        report(
          files[other].file,
          key,
          'keys-differ',
          `missing — ${files[side].file} has this key but ${files[other].file} does not; add the ${label[other]} text (or remove the key from ${files[side].file})`,
        );
      }
    }
  }

  // Each text on its own, then the French and English versions of the same key together.
  const parsed = {
    fr: new Map<string, MessageFormatElement[]>(),
    en: new Map<string, MessageFormatElement[]>(),
  };
  for (const side of ['fr', 'en'] as const) {
    const { file } = files[side];
    for (const { key, value } of leaves[side]) {
      if (typeof value !== 'string') {
        const isEmptyGroup = value !== null && typeof value === 'object';
        report(
          file,
          key,
          isEmptyGroup ? 'empty' : 'not-text',
          isEmptyGroup
            ? `the ${label[side]} ${Array.isArray(value) ? 'list' : 'group'} is empty — add the texts, or remove the key from both files`
            : `the ${label[side]} value is ${JSON.stringify(value)}, not text — put the text in double quotes`,
        );
        continue;
      }
      if (value.trim() === '') {
        report(file, key, 'empty', `the ${label[side]} text is empty — write the text`);
        continue;
      }
      const result = parseMessage(value);
      if (!result.ok) {
        report(
          file,
          key,
          'icu-syntax',
          `the ${label[side]} text cannot be read: ${result.problem}`,
        );
      } else {
        parsed[side].set(key, result.ast);
      }
      if (side === 'fr') {
        const apostrophe = apostropheProblem(value);
        if (apostrophe) report(file, key, 'apostrophe', apostrophe);
        if (result.ok) {
          const issues = frenchSpacingIssues(result.ast);
          if (issues.length === 1) report(file, key, 'nbsp', `the French text has ${issues[0]}`);
          else if (issues.length > 1)
            report(
              file,
              key,
              'nbsp',
              `the French text has ${issues.length} spacing mistakes: ${issues.map((issue, i) => `(${i + 1}) ${issue}`).join('; ')}`,
            );
        }
      }
    }
  }
  for (const [key, frAst] of parsed.fr) {
    const enAst = parsed.en.get(key);
    if (!enAst) continue;
    for (const [side, sentence] of compareShapes(shapeOf(frAst), shapeOf(enAst))) {
      report(files[side].file, key, 'icu-mismatch', sentence);
    }
  }

  // Keys the code uses that do not exist, and keys that nothing uses.
  const { usedKeys, dynamicPrefixes = [], dynamicPatterns = [] } = usage;
  if (usedKeys) {
    const defined = new Set<string>();
    for (const { key } of [...leaves.fr, ...leaves.en]) {
      defined.add(key);
      for (const ancestor of ancestorsOf(key)) defined.add(ancestor);
    }
    const where = (key: string): readonly string[] =>
      usedKeys instanceof Map
        ? ((usedKeys as ReadonlyMap<string, readonly string[]>).get(key) ?? [])
        : [];
    for (const key of usedKeys.keys()) {
      if (defined.has(key)) continue;
      const locations = where(key);
      const file = locations[0] ?? 'code';
      const others = locations.length > 1 ? ` (also used at ${locations.slice(1).join(', ')})` : '';
      report(
        file,
        key,
        'missing-in-messages',
        `the code asks for this text${others}, but neither ${pair.fr.file} nor ${pair.en.file} has it — add it to both files, or correct the key in the code`,
      );
    }
    const prefixes = dynamicPrefixes.map((p) => p.replace(/\.+$/, '')).filter(Boolean);
    const patterns = dynamicPatterns.map(patternToRegExp);
    const isUsed = (key: string) =>
      usedKeys.has(key) ||
      ancestorsOf(key).some((a) => usedKeys.has(a)) ||
      prefixes.some((p) => key === p || key.startsWith(`${p}.`)) ||
      patterns.some((re) => re.test(key));
    const seen = new Set<string>();
    for (const { key } of [...leaves.fr, ...leaves.en]) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (isUsed(key)) continue;
      const inFr = values.fr.has(key);
      const inEn = values.en.has(key);
      const file = inFr ? pair.fr.file : pair.en.file;
      const both = inFr && inEn ? `${pair.fr.file} and ${pair.en.file}` : file;
      report(
        file,
        key,
        'unused',
        `defined but not used by any code — if it is no longer needed, remove it from ${both}; if the code builds this key at run time, tell a developer so the checker learns it`,
      );
    }
  }
  return problems;
}

export function checkMessages(input: CheckInput): Problem[] {
  return input.pairs.flatMap((pair) => checkPair(pair, usageOf(pair, input)));
}

/** Counts per rule, most frequent first. */
export function countByRule(problems: readonly Problem[]): Array<[Rule, number]> {
  const counts = new Map<Rule, number>();
  for (const p of problems) counts.set(p.rule, (counts.get(p.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The report a person reads: problems grouped by file, a summary line, how to fix each kind. */
export function formatProblems(problems: readonly Problem[]): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const file = p.file.replace(/:\d+$/, ''); // "app/x.tsx:12" groups under "app/x.tsx"
    byFile.set(file, [...(byFile.get(file) ?? []), p]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(`${file} (${plural(list.length, 'problem')})`);
    for (const p of list) lines.push(`  [${p.rule}] ${p.message}`);
    lines.push('');
  }
  const counts = countByRule(problems);
  lines.push(
    `messages: ${plural(problems.length, 'problem')} in ${plural(byFile.size, 'file')} (${counts.map(([rule, n]) => `${rule} ${n}`).join(', ')})`,
  );
  lines.push('How to fix:');
  for (const [rule] of counts) lines.push(`  ${rule}: ${HOW_TO_FIX[rule]}`);
  return lines.join('\n');
}
