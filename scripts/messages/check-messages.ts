/**
 * `npm run messages:check`: checks the texts content editors edit and says, in plain English,
 * what is wrong and how to fix it. ICU syntax comes from @formatjs/icu-messageformat-parser (the
 * parser next-intl itself uses); ours are only the comparison of the two languages, the French
 * typography (./french-typography) and the advice. A key the code asks for but no file has is a
 * type error instead (typed messages: lib/i18n/app-config.d.ts, emails/components/messages.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { checkApostrophes, checkSpacing, excerpt } from './french-typography';

export type Rule =
  | 'json-syntax'
  | 'keys-differ'
  | 'empty'
  | 'not-text'
  | 'icu-syntax'
  | 'icu-mismatch'
  | 'apostrophe'
  | 'nbsp';

export type Problem = {
  file: string;
  /** The full dotted key path; array items are numbered from 0 ("Terms.paragraphs.2"). */
  key: string;
  rule: Rule;
  /** One line of plain English: `file › key: what is wrong — how to fix it.` */
  message: string;
};

export type MessagePair = {
  fr: { file: string; json: unknown };
  en: { file: string; json: unknown };
};

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
};

/** Every leaf of a message tree as [full dotted key, value]; arrays are numbered from 0. */
export function flattenMessages(json: unknown, prefix = ''): Array<[string, unknown]> {
  const children = json !== null && typeof json === 'object' ? Object.entries(json) : [];
  if (children.length === 0) return prefix ? [[prefix, json]] : [];
  return children.flatMap(([name, value]) =>
    flattenMessages(value, prefix ? `${prefix}.${name}` : name),
  );
}

// The parser's error codes, in words (the parser's own are for developers).
const PARSE_ERRORS: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a { is never closed by a }',
  EMPTY_ARGUMENT: 'there is an empty {} (a placeholder needs a name inside, like {name})',
  MALFORMED_ARGUMENT:
    'a placeholder is malformed: inside { } only a name such as {name} is allowed (to show a { or } as text, ask a developer)',
  EXPECT_ARGUMENT_TYPE: 'a placeholder has a comma but no type after it (like {count, plural, …})',
  INVALID_ARGUMENT_TYPE:
    'a placeholder has an unknown type after its comma (allowed: number, date, time, plural, select, selectordinal)',
  EXPECT_SELECT_ARGUMENT_OPTIONS: 'a select has no cases',
  EXPECT_PLURAL_ARGUMENT_SELECTOR: 'a plural is missing a case name (one, other, =0…) before a {…}',
  EXPECT_SELECT_ARGUMENT_SELECTOR: 'a select is missing a case name before a {…}',
  INVALID_PLURAL_ARGUMENT_SELECTOR:
    'a plural case name is not valid (use zero, one, two, few, many, other or =0, =1…)',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural has the same case twice',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'a select has the same case twice',
  MISSING_OTHER_CLAUSE: 'a plural or select has no other {…} case (it is required)',
  INVALID_TAG: 'a tag is malformed: tags are written <name>…</name>, with no attributes',
  UNMATCHED_CLOSING_TAG: 'a closing tag </…> does not match the tag opened before it',
  UNCLOSED_TAG: 'a tag <…> is opened but never closed with </…>',
};

function parseMessage(text: string): MessageFormatElement[] | string {
  try {
    return parse(text, { captureLocation: true });
  } catch (error) {
    const kind = error instanceof Error ? error.message : String(error);
    const offset = (error as { location?: { start?: { offset?: number } } }).location?.start
      ?.offset;
    const what = PARSE_ERRORS[kind] ?? `the text is not valid ICU MessageFormat (${kind})`;
    return typeof offset === 'number' ? `${what} near "${excerpt(text, offset, 15, 15)}"` : what;
  }
}

/** What must be the same in both languages: "name (text)", "{n, plural} cases: one, other", "<link>". */
function shapeOf(ast: readonly MessageFormatElement[]) {
  const args = new Map<string, Set<string>>();
  const cases = new Map<string, string[]>();
  const tags = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      let kind: string | undefined;
      if (isArgumentElement(el)) kind = 'text';
      else if (isNumberElement(el)) kind = 'number';
      else if (isDateElement(el)) kind = 'date';
      else if (isTimeElement(el)) kind = 'time';
      else if (isSelectElement(el) || isPluralElement(el)) {
        kind = isSelectElement(el)
          ? 'select'
          : el.pluralType === 'ordinal'
            ? 'selectordinal'
            : 'plural';
        cases.set(`{${el.value}, ${kind}}`, Object.keys(el.options));
        Object.values(el.options).forEach((option) => walk(option.value));
      } else if (isTagElement(el)) {
        tags.add(el.value);
        walk(el.children);
      }
      if (kind && 'value' in el && !isTagElement(el))
        args.set(el.value, new Set([...(args.get(el.value) ?? []), kind]));
    }
  };
  walk(ast);
  return { args, cases, tags };
}

/** What differs between the French and the English text, each as [side to fix, sentence]. */
function compareShapes(frAst: MessageFormatElement[], enAst: MessageFormatElement[]) {
  const fr = shapeOf(frAst);
  const en = shapeOf(enAst);
  const out: Array<['fr' | 'en', string]> = [];
  for (const name of new Set([...fr.args.keys(), ...en.args.keys()])) {
    const frKinds = [...(fr.args.get(name) ?? [])];
    const enKinds = [...(en.args.get(name) ?? [])];
    const only = (has: string, lacks: string) =>
      `the ${has} text has the placeholder {${name}} but the ${lacks} text does not — add {${name}} to the ${lacks} text (or remove it from the ${has} one); keep the name exactly as it is`;
    if (enKinds.length === 0) out.push(['en', only('French', 'English')]);
    else if (frKinds.length === 0) out.push(['fr', only('English', 'French')]);
    else if ([...frKinds].sort().join() !== [...enKinds].sort().join())
      out.push([
        'en',
        `the placeholder {${name}} is used as ${frKinds.join(' and ')} in French but as ${enKinds.join(' and ')} in English — write it the same way in both (copy the part in { } from the French text)`,
      ]);
  }
  for (const [label, frCases] of fr.cases) {
    const enCases = en.cases.get(label);
    if (!enCases) continue; // already reported as a different placeholder kind
    const onlyFr = frCases.filter((c) => !enCases.includes(c));
    const onlyEn = enCases.filter((c) => !frCases.includes(c));
    if (onlyFr.length + onlyEn.length === 0) continue;
    const parts = [
      onlyFr.length ? `${onlyFr.join(', ')} only in French` : '',
      onlyEn.length ? `${onlyEn.join(', ')} only in English` : '',
    ].filter(Boolean);
    out.push([
      onlyFr.length ? 'en' : 'fr',
      `${label} has different cases (${parts.join('; ')}) — give it the same cases in both languages (French: ${frCases.join(', ')}; English: ${enCases.join(', ')})`,
    ]);
  }
  for (const [side, has, lacks, other] of [
    ['en', fr.tags, en.tags, 'English'],
    ['fr', en.tags, fr.tags, 'French'],
  ] as const) {
    for (const tag of [...has].filter((t) => !lacks.has(t))) {
      out.push([
        side,
        `the ${other === 'English' ? 'French' : 'English'} text has the tag <${tag}>…</${tag}> but the ${other} text does not — put <${tag}> and </${tag}> around the matching words in ${other}`,
      ]);
    }
  }
  return out;
}

/** Every check on one French/English pair of message trees. */
export function checkPair({ fr, en }: MessagePair): Problem[] {
  const problems: Problem[] = [];
  const report = (file: string, key: string, rule: Rule, text: string) =>
    problems.push({ file, key, rule, message: `${file} › ${key}: ${text}.` });
  const files = { fr, en };
  const label = { fr: 'French', en: 'English' };
  const values = {
    fr: new Map(flattenMessages(fr.json)),
    en: new Map(flattenMessages(en.json)),
  };
  for (const side of ['fr', 'en'] as const) {
    const json = files[side].json;
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      report(
        files[side].file,
        '(whole file)',
        'not-text',
        'the file must hold one JSON object { "Namespace": { "key": "text" } }',
      );
  }

  // Keys present on one side only (a text facing a group is reported once, from the text's side).
  for (const [side, other] of [
    ['fr', 'en'],
    ['en', 'fr'],
  ] as const) {
    for (const key of values[side].keys()) {
      if (values[other].has(key)) continue;
      const parts = key.split('.');
      if (parts.some((_, i) => i > 0 && values[other].has(parts.slice(0, i).join('.')))) continue;
      const otherIsGroup = [...values[other].keys()].some((k) => k.startsWith(`${key}.`));
      report(
        files[other].file,
        key,
        'keys-differ',
        otherIsGroup
          ? `is a text in ${files[side].file} but a group of keys in ${files[other].file} — make both files the same shape`
          : `missing — ${files[side].file} has this key but ${files[other].file} does not; add the ${label[other]} text (or remove the key from ${files[side].file})`,
      );
    }
  }

  // Each text on its own, then the French and English versions of the same key together.
  const parsed = {
    fr: new Map<string, MessageFormatElement[]>(),
    en: new Map<string, MessageFormatElement[]>(),
  };
  for (const side of ['fr', 'en'] as const) {
    const { file } = files[side];
    for (const [key, value] of values[side]) {
      if (typeof value !== 'string') {
        const group = value !== null && typeof value === 'object';
        report(
          file,
          key,
          group ? 'empty' : 'not-text',
          group
            ? `the ${label[side]} ${Array.isArray(value) ? 'list' : 'group'} is empty — add the texts, or remove the key from both files`
            : `the ${label[side]} value is ${JSON.stringify(value)}, not text — put the text in double quotes`,
        );
        continue;
      }
      if (value.trim() === '') {
        report(file, key, 'empty', `the ${label[side]} text is empty — write the text`);
        continue;
      }
      const ast = parseMessage(value);
      if (typeof ast === 'string')
        report(file, key, 'icu-syntax', `the ${label[side]} text cannot be read: ${ast}`);
      else parsed[side].set(key, ast);
      if (side === 'fr') {
        const apostrophe = checkApostrophes(value);
        if (apostrophe) report(file, key, 'apostrophe', apostrophe);
        const spacing = typeof ast === 'string' ? undefined : checkSpacing(ast);
        if (spacing) report(file, key, 'nbsp', spacing);
      }
    }
  }
  for (const [key, frAst] of parsed.fr) {
    const enAst = parsed.en.get(key);
    if (!enAst) continue;
    for (const [side, sentence] of compareShapes(frAst, enAst))
      report(files[side].file, key, 'icu-mismatch', sentence);
  }
  return problems;
}

/** A file's JSON, or the problem an editor can find: "line L, column C". */
function readJson(rootDir: string, file: string): { json: unknown } | { problem: Problem } {
  const problem = (text: string): { problem: Problem } => ({
    problem: {
      file,
      key: '(whole file)',
      rule: 'json-syntax',
      message: `${file} › (whole file): ${text}.`,
    },
  });
  let text: string;
  try {
    text = fs.readFileSync(path.join(rootDir, file), 'utf8');
  } catch {
    return problem('the file cannot be read — it must exist');
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(reason)?.[1] ?? NaN);
    const before = text.slice(0, position).split('\n');
    const where = Number.isFinite(position)
      ? ` at line ${before.length}, column ${before.at(-1)!.length + 1}`
      : '';
    return problem(
      `the file is not valid JSON${where} (${reason}) — check for a missing comma or quote, or a " inside a text (write it \\")`,
    );
  }
}

export const MESSAGE_FILES = [
  ['messages/fr.json', 'messages/en.json'],
  ['emails/messages/fr.json', 'emails/messages/en.json'],
] as const;
/** The last-resort error page keeps both languages in one file (app/global-error.tsx). */
export const GLOBAL_ERROR_FILE = 'messages/global-error.json';

/** Reads the message files under rootDir and runs every check. */
export function runMessagesCheck(rootDir: string): { problems: Problem[]; keyCounts: number[] } {
  const read = [...MESSAGE_FILES.flat(), GLOBAL_ERROR_FILE].map((file) => readJson(rootDir, file));
  const broken = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
  // The other checks would only repeat that the unreadable file has no keys.
  if (broken.length > 0) return { problems: broken, keyCounts: [] };
  const [pagesFr, pagesEn, emailsFr, emailsEn, globalError] = read.map((r) =>
    'json' in r ? r.json : {},
  );
  const both = (globalError ?? {}) as { fr?: unknown; en?: unknown };
  const pairs: MessagePair[] = [
    {
      fr: { file: MESSAGE_FILES[0][0], json: pagesFr },
      en: { file: MESSAGE_FILES[0][1], json: pagesEn },
    },
    {
      fr: { file: MESSAGE_FILES[1][0], json: emailsFr },
      en: { file: MESSAGE_FILES[1][1], json: emailsEn },
    },
    {
      fr: { file: `${GLOBAL_ERROR_FILE} › fr`, json: both.fr ?? {} },
      en: { file: `${GLOBAL_ERROR_FILE} › en`, json: both.en ?? {} },
    },
  ];
  return {
    problems: pairs.flatMap(checkPair),
    keyCounts: [pagesFr, emailsFr].map((json) => flattenMessages(json).length),
  };
}

const plural = (count: number, one: string) => `${count} ${count === 1 ? one : `${one}s`}`;

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(by(item), [...(groups.get(by(item)) ?? []), item]);
  return groups;
}

/** The report a person reads: problems grouped by file, a summary line, how to fix each kind. */
export function formatProblems(problems: readonly Problem[]): string {
  const byFile = groupBy(problems, (p) => p.file);
  const counts = [...groupBy(problems, (p) => p.rule)]
    .map(([rule, list]) => [rule as Rule, list.length] as const)
    .sort((a, b) => b[1] - a[1]);
  return [
    ...[...byFile].flatMap(([file, list]) => [
      `${file} (${plural(list.length, 'problem')})`,
      ...list.map((p) => `  [${p.rule}] ${p.message}`),
      '',
    ]),
    `messages: ${plural(problems.length, 'problem')} in ${plural(byFile.size, 'file')} (${counts.map(([rule, n]) => `${rule} ${n}`).join(', ')})`,
    'How to fix:',
    ...counts.map(([rule]) => `  ${rule}: ${HOW_TO_FIX[rule]}`),
  ].join('\n');
}
