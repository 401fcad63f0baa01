/**
 * The file side of `npm run messages:check`: reads the message files, finds which keys the code
 * uses, and runs the checks of ./check-messages. No process.exit here, so tests can import it.
 *
 * Finding used keys is deliberately generous (a missed use would be a false "unused"):
 * - `const t = useTranslations('Ns')` / `await getTranslations('Ns')` /
 *   `getTranslations({ locale, namespace: 'Ns' })` / `createTranslator({ namespace: 'Ns' })`
 *   (page messages) and `emailTranslator(locale, 'Ns')` (email messages), then `t('key')`,
 *   `t.rich('key')`, `t.markup('key')`, `t.raw('key')`, `t.has('key')` → `Ns.key`;
 *   ``t(`states.${x}.title`)`` → every key matching `Ns.states.*.title`;
 * - any string literal that is a defined key, or its last two segments or more
 *   (`'Fields.email.errors.required'`, `'errors.required'`); any template literal whose start
 *   is a key path (`` `Fields.${field}.errors.${rule}` `` → `Fields.*.errors.*`);
 * - in a file that imports a message file as JSON: `fr.RegisterPage.noticeVersion`, and any
 *   `.Namespace` property (`MESSAGES[locale].RegisterPage`) uses that whole namespace.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  checkMessages,
  flattenMessages,
  patternToRegExp,
  type MessagePair,
  type Problem,
} from './check-messages';

export type PairName = 'messages' | 'emails';

export const GLOBAL_ERROR_FILE = 'messages/global-error.json';
const MESSAGE_FILES: Record<PairName, { fr: string; en: string }> = {
  messages: { fr: 'messages/fr.json', en: 'messages/en.json' },
  emails: { fr: 'emails/messages/fr.json', en: 'emails/messages/en.json' },
};

/** Where the code that uses messages lives. */
export const SOURCE_DIRS = ['app', 'lib', 'emails'];

/** The checker's own files mention keys only as examples. */
const IGNORED_SOURCES = new Set(['lib/i18n/check-messages.ts', 'lib/i18n/check-messages-files.ts']);

export type MessagesCheckResult = {
  problems: Problem[];
  /** Leaves in messages/fr.json and emails/messages/fr.json. */
  messageKeyCount: number;
  emailKeyCount: number;
};

type ReadResult = { json: unknown; problem?: Problem };

/** A JSON.parse error as "line L, column C" an editor can find. */
function readJson(rootDir: string, file: string): ReadResult {
  const full = path.join(rootDir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    return {
      json: {},
      problem: {
        file,
        key: '(whole file)',
        rule: 'json-syntax',
        message: `${file} › (whole file): the file cannot be read — it must exist.`,
      },
    };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(reason)?.[1] ?? NaN);
    let where = '';
    if (Number.isFinite(position)) {
      const before = text.slice(0, position).split('\n');
      where = ` at line ${before.length}, column ${before.at(-1)!.length + 1}`;
    }
    return {
      json: {},
      problem: {
        file,
        key: '(whole file)',
        rule: 'json-syntax',
        message: `${file} › (whole file): the file is not valid JSON${where} (${reason}) — check for a missing comma or quote, or a " inside a text (write it \\").`,
      },
    };
  }
}

function sourceFiles(rootDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(rootDir, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        if (!IGNORED_SOURCES.has(rel)) out.push(rel);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return out.sort();
}

/** What the code uses of one pair of message files. */
export type FoundUsage = {
  usedKeys: Map<string, string[]>;
  dynamicPatterns: Set<string>;
};

type PairIndex = {
  leaves: Set<string>;
  /** Every defined key and group ("A", "A.b", "A.b.c"). */
  defined: Set<string>;
  namespaces: Set<string>;
  /** "errors.required" → every leaf ending with it (two segments or more). */
  bySuffix: Map<string, string[]>;
};

function indexPair(fr: unknown, en: unknown): PairIndex {
  const leaves = new Set([...flattenMessages(fr), ...flattenMessages(en)].map((l) => l.key));
  const defined = new Set<string>();
  const bySuffix = new Map<string, string[]>();
  const namespaces = new Set<string>();
  for (const key of leaves) {
    const parts = key.split('.');
    namespaces.add(parts[0]!);
    for (let i = 1; i <= parts.length; i++) defined.add(parts.slice(0, i).join('.'));
    for (let i = 0; i <= parts.length - 2; i++) {
      const suffix = parts.slice(i).join('.');
      bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), key]);
    }
  }
  return { leaves, defined, namespaces, bySuffix };
}

type Binding = { name: string; pair: PairName; namespace: string | undefined; pos: number };

const TRANSLATOR_METHODS = new Set(['rich', 'markup', 'raw', 'has']);
const KEY_LIKE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;
const KEY_HEAD = /^(?:[A-Za-z0-9_-]+\.)+$/;

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isAwaitExpression(current) ||
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** A translator bound by `const t = …`, or undefined when the call is not one. */
function bindingOf(call: ts.CallExpression): Omit<Binding, 'name' | 'pos'> | undefined {
  if (!ts.isIdentifier(call.expression)) return undefined;
  const fn = call.expression.text;
  const [first, second] = call.arguments;
  if (fn === 'useTranslations' || fn === 'getTranslations' || fn === 'createTranslator') {
    if (!first) return { pair: 'messages', namespace: '' };
    const literal = stringValue(first);
    if (literal !== undefined) return { pair: 'messages', namespace: literal };
    if (ts.isObjectLiteralExpression(first)) {
      const prop = first.properties.find(
        (p): p is ts.PropertyAssignment =>
          ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'namespace',
      );
      if (!prop) return { pair: 'messages', namespace: '' };
      return { pair: 'messages', namespace: stringValue(prop.initializer) };
    }
    return { pair: 'messages', namespace: undefined };
  }
  if (fn === 'emailTranslator') return { pair: 'emails', namespace: stringValue(second) };
  return undefined;
}

type KeyNode = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/** The keys a translator call's first argument can be: literals, templates, both sides of ?: */
function keyCandidates(node: ts.Expression): KeyNode[] {
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n))
    return [n];
  if (ts.isConditionalExpression(n))
    return [...keyCandidates(n.whenTrue), ...keyCandidates(n.whenFalse)];
  if (
    ts.isBinaryExpression(n) &&
    [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind)
  ) {
    return [...keyCandidates(n.left), ...keyCandidates(n.right)];
  }
  return [];
}

/** `Fields.${field}.errors.${rule}` → "Fields.*.errors.*". */
function templatePattern(node: ts.TemplateExpression): { head: string; pattern: string } {
  let pattern = node.head.text;
  for (const span of node.templateSpans) pattern += `*${span.literal.text}`;
  return { head: node.head.text, pattern };
}

/** Where a JSON import points, as a pair, or undefined. */
function messageImport(sourceFile: string, specifier: string): PairName | undefined {
  const resolved = specifier.startsWith('@/')
    ? specifier.slice(2)
    : specifier.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(sourceFile), specifier))
      : undefined;
  if (!resolved) return undefined;
  for (const [pair, files] of Object.entries(MESSAGE_FILES) as Array<
    [PairName, { fr: string; en: string }]
  >) {
    if (resolved === files.fr || resolved === files.en) return pair;
  }
  return undefined;
}

/**
 * Scans source files for the keys they use. `sources` maps a path relative to the root to its
 * text; `jsonByPair` gives both locales' trees so literal matches know the defined keys.
 */
export function findUsedKeys(
  sources: ReadonlyMap<string, string>,
  jsonByPair: Record<PairName, { fr: unknown; en: unknown }>,
): Record<PairName, FoundUsage> {
  const index = {
    messages: indexPair(jsonByPair.messages.fr, jsonByPair.messages.en),
    emails: indexPair(jsonByPair.emails.fr, jsonByPair.emails.en),
  };
  const found: Record<PairName, FoundUsage> = {
    messages: { usedKeys: new Map(), dynamicPatterns: new Set() },
    emails: { usedKeys: new Map(), dynamicPatterns: new Set() },
  };
  const markUsed = (pair: PairName, key: string, where: string) => {
    const list = found[pair].usedKeys.get(key) ?? [];
    if (!list.includes(where)) list.push(where);
    found[pair].usedKeys.set(key, list);
  };
  const markPattern = (pair: PairName, pattern: string) => {
    const re = patternToRegExp(pattern);
    // A pattern that matches nothing defined is not a message key (a URL, a log line…).
    if ([...index[pair].leaves].some((k) => re.test(k))) found[pair].dynamicPatterns.add(pattern);
  };

  for (const [file, text] of sources) {
    const source = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const where = (node: ts.Node) =>
      `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const bindings: Binding[] = [];
    const consumed = new Set<ts.Node>();
    const jsonImports = new Map<string, PairName>();

    // First pass: translators bound to variables, and message files imported as JSON.
    const collect = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const init = unwrap(node.initializer);
        const binding = ts.isCallExpression(init) ? bindingOf(init) : undefined;
        if (binding)
          bindings.push({ ...binding, name: node.name.text, pos: node.getStart(source) });
      }
      if (
        ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.importClause?.name
      ) {
        const pair = messageImport(file, node.moduleSpecifier.text);
        if (pair) jsonImports.set(node.importClause.name.text, pair);
      }
      ts.forEachChild(node, collect);
    };
    collect(source);

    const translatorCall = (call: ts.CallExpression) => {
      const callee = call.expression;
      let name: string | undefined;
      let method = '';
      if (ts.isIdentifier(callee)) name = callee.text;
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        TRANSLATOR_METHODS.has(callee.name.text)
      ) {
        name = callee.expression.text;
        method = callee.name.text;
      }
      const candidates = bindings.filter((b) => b.name === name);
      if (candidates.length === 0 || !call.arguments[0]) return;
      const nearest =
        [...candidates].reverse().find((b) => b.pos < call.getStart(source)) ?? candidates[0]!;
      for (const node of keyCandidates(call.arguments[0])) {
        // Resolved here against the translator's namespace: not matched again as a free string.
        consumed.add(node);
        if (!ts.isTemplateExpression(node)) {
          const candidate = node.text;
          const full = (ns: string | undefined) => (ns ? `${ns}.${candidate}` : candidate);
          const unknownNs = candidates.filter((b) => b.namespace === undefined);
          for (const b of unknownNs) markPattern(b.pair, `*.${candidate}`);
          const hits = candidates.filter(
            (b) => b.namespace !== undefined && index[b.pair].defined.has(full(b.namespace)),
          );
          for (const b of hits) markUsed(b.pair, full(b.namespace), where(call));
          // t.has('x') asks whether x exists: a missing x is not a mistake there.
          if (hits.length === 0 && unknownNs.length === 0 && method !== 'has') {
            markUsed(nearest.pair, full(nearest.namespace), where(call));
          }
        } else {
          const { pattern } = templatePattern(node);
          for (const b of candidates) {
            if (b.namespace === undefined) markPattern(b.pair, `*.${pattern}`);
            else if (b.namespace) markPattern(b.pair, `${b.namespace}.${pattern}`);
            else if (!pattern.startsWith('*')) markPattern(b.pair, pattern);
          }
        }
      }
    };

    // Second pass: translator calls, literals, and reads of imported message files.
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) translatorCall(node);
      const literal = consumed.has(node) ? undefined : stringValue(node);
      if (literal !== undefined && KEY_LIKE.test(literal)) {
        for (const pair of ['messages', 'emails'] as const) {
          for (const key of index[pair].bySuffix.get(literal) ?? [])
            markUsed(pair, key, where(node));
        }
      }
      if (ts.isTemplateExpression(node) && !consumed.has(node)) {
        const { head, pattern } = templatePattern(node);
        if (KEY_HEAD.test(head)) {
          for (const pair of ['messages', 'emails'] as const) {
            const ns = head.split('.')[0]!;
            markPattern(pair, index[pair].namespaces.has(ns) ? pattern : `*.${pattern}`);
          }
        }
      }
      if (jsonImports.size > 0 && ts.isPropertyAccessExpression(node)) {
        // fr.RegisterPage.noticeVersion: the whole chain from the imported name.
        const chain: string[] = [];
        let current: ts.Expression = node;
        while (ts.isPropertyAccessExpression(current)) {
          chain.unshift(current.name.text);
          current = current.expression;
        }
        const isOuter = !ts.isPropertyAccessExpression(node.parent);
        if (isOuter && ts.isIdentifier(current) && jsonImports.has(current.text)) {
          const pair = jsonImports.get(current.text)!;
          for (let i = chain.length; i > 0; i--) {
            const key = chain.slice(0, i).join('.');
            if (index[pair].defined.has(key)) {
              markUsed(pair, key, where(node));
              break;
            }
          }
        } else if (!jsonImports.has(ts.isIdentifier(current) ? current.text : '')) {
          // MESSAGES[locale].RegisterPage, then page.x: count the namespace as used.
          const name = node.name.text;
          for (const pair of new Set(jsonImports.values())) {
            if (index[pair].namespaces.has(name) && !ts.isIdentifier(node.expression)) {
              markUsed(pair, name, where(node));
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Reads everything under rootDir and runs every check. */
export function runMessagesCheck(rootDir: string): MessagesCheckResult {
  const read = {
    messages: {
      fr: readJson(rootDir, MESSAGE_FILES.messages.fr),
      en: readJson(rootDir, MESSAGE_FILES.messages.en),
    },
    emails: {
      fr: readJson(rootDir, MESSAGE_FILES.emails.fr),
      en: readJson(rootDir, MESSAGE_FILES.emails.en),
    },
  };
  const jsonProblems = [read.messages.fr, read.messages.en, read.emails.fr, read.emails.en]
    .map((r) => r.problem)
    .filter((p): p is Problem => p !== undefined);
  if (jsonProblems.length > 0) {
    // The other checks would only repeat that the unreadable file has no keys.
    return { problems: jsonProblems, messageKeyCount: 0, emailKeyCount: 0 };
  }
  const sources = new Map(
    sourceFiles(rootDir).map((file) => [file, fs.readFileSync(path.join(rootDir, file), 'utf8')]),
  );
  const usage = findUsedKeys(sources, {
    messages: { fr: read.messages.fr.json, en: read.messages.en.json },
    emails: { fr: read.emails.fr.json, en: read.emails.en.json },
  });
  const pairs: MessagePair[] = (['messages', 'emails'] as const).map((name) => ({
    name,
    fr: { file: MESSAGE_FILES[name].fr, json: read[name].fr.json },
    en: { file: MESSAGE_FILES[name].en, json: read[name].en.json },
    usedKeys: usage[name].usedKeys,
    dynamicPatterns: [...usage[name].dynamicPatterns],
  }));
  // The last-resort error page keeps both languages in one file of its own (app/global-error.tsx).
  const globalError = readJson(rootDir, GLOBAL_ERROR_FILE);
  if (globalError.problem)
    return { problems: [globalError.problem], messageKeyCount: 0, emailKeyCount: 0 };
  const both = (globalError.json ?? {}) as { fr?: unknown; en?: unknown };
  pairs.push({
    name: 'global-error',
    fr: { file: `${GLOBAL_ERROR_FILE} › fr`, json: both.fr ?? {} },
    en: { file: `${GLOBAL_ERROR_FILE} › en`, json: both.en ?? {} },
  });
  return {
    problems: checkMessages({ pairs }),
    messageKeyCount: flattenMessages(read.messages.fr.json).length,
    emailKeyCount: flattenMessages(read.emails.fr.json).length,
  };
}
