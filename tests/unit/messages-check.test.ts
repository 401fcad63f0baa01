import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPair,
  formatProblems,
  runMessagesCheck,
  type Problem,
  type Rule,
} from '@/scripts/messages/check-messages';

const NB = '\u00a0';

function check(fr: unknown, en: unknown): Problem[] {
  return checkPair({
    fr: { file: 'messages/fr.json', json: fr },
    en: { file: 'messages/en.json', json: en },
  });
}

const only = (problems: Problem[], rule: Rule) => problems.filter((p) => p.rule === rule);
const keysOf = (problems: Problem[]) => problems.map((p) => `${p.file} ${p.key}`);

describe('checkPair', () => {
  it('a clean pair passes: same keys, same placeholders, French typography', () => {
    const fr = {
      LoginPage: {
        title: 'Connexion',
        forgot: `Mot de passe oublié${NB}?`,
        welcome: 'Bonjour {name}, vous avez {count, plural, one {# message} other {# messages}}.',
        help: `Besoin d’aide${NB}? <link>Composez le 3-1-1</link>${NB}!`,
        link: 'Voir https://ottawa.ca/fr?x=1 à 12:30 ou « ici ».'
          .replace('« ', `«${NB}`)
          .replace(' »', `${NB}»`),
      },
      Terms: { paragraphs: ['Un.', 'Deux.'] },
    };
    const en = {
      LoginPage: {
        title: 'Sign in',
        forgot: 'Forgot your password?',
        welcome:
          "Hello {name}, you have {count, plural, one {# message} other {# messages}}. Don't worry.",
        help: 'Need help? <link>Call 3-1-1</link>!',
        link: 'See https://ottawa.ca/en?x=1 at 12:30 or "here".',
      },
      Terms: { paragraphs: ['One.', 'Two.'] },
    };
    expect(check(fr, en)).toEqual([]);
  });

  it('keys-differ: reports the full dotted path missing on each side, array items by number', () => {
    const problems = check(
      { A: { b: { c: 'Texte' }, onlyFr: 'Texte' }, T: { list: ['Un', 'Deux', 'Trois'] } },
      { A: { b: { c: 'Text', onlyEn: 'Text' } }, T: { list: ['One', 'Two'] } },
    );
    expect(keysOf(only(problems, 'keys-differ')).sort()).toEqual([
      'messages/en.json A.onlyFr',
      'messages/en.json T.list.2',
      'messages/fr.json A.b.onlyEn',
    ]);
    expect(problems.find((p) => p.key === 'A.onlyFr')!.message).toBe(
      'messages/en.json › A.onlyFr: missing — messages/fr.json has this key but messages/en.json does not; add the English text (or remove the key from messages/fr.json).',
    );
  });

  it('keys-differ: a text on one side and a group of keys on the other', () => {
    const problems = only(check({ A: { b: 'Texte' } }, { A: { b: { c: 'Text' } } }), 'keys-differ');
    expect(problems.map((p) => p.message)).toEqual([
      'messages/en.json › A.b: is a text in messages/fr.json but a group of keys in messages/en.json — make both files the same shape.',
    ]);
  });

  it('icu-syntax: an unclosed brace, a missing other case and an unclosed tag cannot be read', () => {
    const problems = only(
      check(
        { A: { brace: 'Bonjour {name', plural: 'Fichier', tag: 'Texte' } },
        {
          A: {
            brace: 'Hello {name}',
            plural: '{n, plural, one {file}}',
            tag: 'See <link>the page',
          },
        },
      ),
      'icu-syntax',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'messages/fr.json › A.brace: the French text cannot be read: a { is never closed by a } near "Bonjour {name".',
      expect.stringContaining(
        'messages/en.json › A.plural: the English text cannot be read: a plural or select has no other {…} case',
      ),
      expect.stringContaining(
        'messages/en.json › A.tag: the English text cannot be read: a tag <…> is opened but never closed',
      ),
    ]);
  });

  it('icu-mismatch: placeholder names and types must be the same in both languages', () => {
    const problems = only(
      check(
        {
          A: {
            name: 'Bonjour {name}',
            type: '{n, number} fichiers',
            nested: '{n, plural, other {{who} et #}}',
          },
        },
        { A: { name: 'Hello {firstName}', type: '{n} files', nested: '{n, plural, other {#}}' } },
      ),
      'icu-mismatch',
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining(
        'messages/en.json › A.name: the French text has the placeholder {name} but the English text does not',
      ),
      expect.stringContaining(
        'messages/fr.json › A.name: the English text has the placeholder {firstName} but the French text does not',
      ),
      'messages/en.json › A.type: the placeholder {n} is used as number in French but as text in English — write it the same way in both (copy the part in { } from the French text).',
      expect.stringContaining(
        'messages/en.json › A.nested: the French text has the placeholder {who}',
      ),
    ]);
  });

  it('icu-mismatch: plural and select cases must be the same set (one/other, =0…)', () => {
    const problems = only(
      check(
        {
          A: {
            n: '{n, plural, =0 {aucun} one {un} other {#}}',
            g: '{g, select, f {elle} other {il}}',
          },
        },
        {
          A: {
            n: '{n, plural, one {one} other {#}}',
            g: '{g, select, f {she} m {he} other {they}}',
          },
        },
      ),
      'icu-mismatch',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'messages/en.json › A.n: {n, plural} has different cases (=0 only in French) — give it the same cases in both languages (French: =0, one, other; English: one, other).',
      'messages/fr.json › A.g: {g, select} has different cases (m only in English) — give it the same cases in both languages (French: f, other; English: f, m, other).',
    ]);
  });

  it('icu-mismatch: rich-text tag names must be the same in both languages', () => {
    const problems = only(
      check(
        { A: { t: 'Lisez <link>les conditions</link>.' } },
        { A: { t: 'Read <a>the terms</a>.' } },
      ),
      'icu-mismatch',
    );
    expect(keysOf(problems)).toEqual(['messages/en.json A.t', 'messages/fr.json A.t']);
    expect(problems[0]!.message).toContain(
      'the French text has the tag <link>…</link> but the English text does not',
    );
  });

  it("apostrophe: any straight ' in French, escaped '' included; English may keep it", () => {
    const problems = check(
      {
        A: { one: "L'adresse", many: "Vous n'avez pas l'adresse d'aujourd''hui", ok: 'L’adresse' },
      },
      { A: { one: "The address isn't", many: "You don't", ok: 'Address' } },
    );
    expect(only(problems, 'apostrophe').map((p) => p.message)).toEqual([
      'messages/fr.json › A.one: the French text has a straight apostrophe \' (in "L\'adresse") — use the typographic apostrophe ’ instead, e.g. "L’adresse".',
      'messages/fr.json › A.many: the French text has 5 straight apostrophes \' (in "n\'avez", "l\'adresse", "d\'aujourd\'\'hui") — use the typographic apostrophe ’ instead (a doubled \'\' becomes a single ’), e.g. "n’avez".',
    ]);
  });

  it('nbsp: French needs a non-breaking space before : ; ? ! » and after «', () => {
    const problems = only(
      check(
        {
          A: {
            regular: 'Mot de passe oublié ?',
            none: 'Mot de passe oublié?',
            colon: 'Erreur : le champ',
            quotes: 'Choisissez « Lien ».',
            afterPlaceholder: 'Bonjour {name}!',
            narrow: `Oublié\u202f? Erreur${NB}: «${NB}Lien${NB}» ; non`,
          },
        },
        {
          A: {
            regular: 'x',
            none: 'x',
            colon: 'x',
            quotes: 'x',
            afterPlaceholder: 'Hi {name}!',
            narrow: 'x',
          },
        },
      ),
      'nbsp',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'messages/fr.json › A.regular: the French text has a regular space before "?" in "…t de passe oublié ?" — replace that space with a non-breaking space (e.g. "oublié\\u00a0?").',
      'messages/fr.json › A.none: the French text has no space before "?" in "…ot de passe oublié?" — add a non-breaking space before it (e.g. "oublié\\u00a0?").',
      expect.stringContaining(
        'messages/fr.json › A.colon: the French text has a regular space before ":"',
      ),
      expect.stringContaining(
        'messages/fr.json › A.quotes: the French text has 2 spacing mistakes: (1) a regular space after "«"',
      ),
      'messages/fr.json › A.afterPlaceholder: the French text has no space before "!" in "!" — add a non-breaking space before it.',
      expect.stringContaining(
        'messages/fr.json › A.narrow: the French text has a regular space before ";"',
      ),
    ]);
  });

  it('nbsp: URLs, times, HTML entities and the ICU syntax itself are not French punctuation', () => {
    const fr = {
      A: {
        url: `Voir https://ottawa.ca/fr/page?x=1&y=2 ou mailto:aide@ottawa.ca ou www.ottawa.ca/a?b.`,
        tel: 'tel:311',
        time: 'Ouvert de 8:30 à 16:30.',
        entity: 'R&amp;D',
        icu: '{count, plural, =0 {aucun} one {# fichier} other {# fichiers}}',
        select: `{g, select, f {Elle${NB}!} other {Il${NB}!}}`,
        run: `Vraiment${NB}?!`,
        start: `{n, plural, other {: # fichiers}}`,
      },
    };
    const en = {
      A: {
        url: 'See',
        tel: 'tel:311',
        time: 'x',
        entity: 'R&amp;D',
        icu: '{count, plural, =0 {none} one {# file} other {# files}}',
        select: '{g, select, f {She!} other {He!}}',
        run: 'Really?!',
        start: '{n, plural, other {: # files}}',
      },
    };
    expect(check(fr, en)).toEqual([]);
  });

  it('empty: an empty or blank text in either language, and an empty list', () => {
    const problems = only(
      check({ A: { a: '', b: ` ${NB} `, list: [] } }, { A: { a: 'Text', b: '  ', list: [] } }),
      'empty',
    );
    expect(keysOf(problems)).toEqual([
      'messages/fr.json A.a',
      'messages/fr.json A.b',
      'messages/fr.json A.list',
      'messages/en.json A.b',
      'messages/en.json A.list',
    ]);
    expect(problems[0]!.message).toBe(
      'messages/fr.json › A.a: the French text is empty — write the text.',
    );
  });

  it('not-text: a number or null instead of a text', () => {
    const problems = only(check({ A: { n: 3 } }, { A: { n: null } }), 'not-text');
    expect(keysOf(problems)).toEqual(['messages/fr.json A.n', 'messages/en.json A.n']);
  });
});

describe('formatProblems', () => {
  it('groups problems by file, then a summary line and how to fix each kind', () => {
    const problems = check({ A: { a: "L'a", b: 'x' } }, { A: { a: 'x' } });
    const text = formatProblems(problems);
    expect(text.split('\n')).toEqual([
      'messages/en.json (1 problem)',
      '  [keys-differ] messages/en.json › A.b: missing — messages/fr.json has this key but messages/en.json does not; add the English text (or remove the key from messages/fr.json).',
      '',
      'messages/fr.json (1 problem)',
      expect.stringContaining('  [apostrophe] messages/fr.json › A.a:'),
      '',
      'messages: 2 problems in 2 files (keys-differ 1, apostrophe 1)',
      'How to fix:',
      expect.stringMatching(/^ {2}keys-differ: /),
      expect.stringMatching(/^ {2}apostrophe: /),
    ]);
  });
});

describe('runMessagesCheck', () => {
  it('json-syntax: a broken message file is reported with its line and column', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'messages-check-'));
    try {
      fs.mkdirSync(path.join(root, 'messages'));
      fs.mkdirSync(path.join(root, 'emails/messages'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'messages/fr.json'),
        '{\n  "A": {\n    "b": "x"\n    "c": "y"\n  }\n}\n',
      );
      fs.writeFileSync(path.join(root, 'messages/en.json'), '{ "A": { "b": "x", "c": "y" } }');
      fs.writeFileSync(path.join(root, 'emails/messages/fr.json'), '{}');
      fs.writeFileSync(path.join(root, 'emails/messages/en.json'), '{}');
      fs.writeFileSync(path.join(root, 'messages/global-error.json'), '{ "fr": {}, "en": {} }');
      const { problems } = runMessagesCheck(root);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: 'messages/fr.json', rule: 'json-syntax' });
      expect(problems[0]!.message).toContain('at line 4, column 5');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  const root = path.resolve(import.meta.dirname, '../..');

  it('the real files have the same keys and placeholders in both languages, no broken or empty text', () => {
    const { problems, keyCounts } = runMessagesCheck(root);
    expect(keyCounts[0]).toBeGreaterThan(100);
    expect(keyCounts[1]).toBeGreaterThan(10);
    const structural: Rule[] = [
      'json-syntax',
      'keys-differ',
      'empty',
      'not-text',
      'icu-syntax',
      'icu-mismatch',
    ];
    expect(problems.filter((p) => structural.includes(p.rule)).map((p) => p.message)).toEqual([]);
  });

  it('the real message files pass every check (npm run messages:check)', () => {
    const { problems } = runMessagesCheck(root);
    expect(problems.map((p) => p.message)).toEqual([]);
  });
});
