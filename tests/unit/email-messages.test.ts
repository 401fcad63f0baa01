import {
  isArgumentElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from '@/emails/messages/en.json';
import fr from '@/emails/messages/fr.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

/** The names of `{name}` and of `{hours, plural, …}`, nested ones included. */
function placeholders(message: string): string[] {
  const names: string[] = [];
  const walk = (elements: MessageFormatElement[]) =>
    elements.forEach((el) => {
      if (isArgumentElement(el) || isNumberElement(el)) names.push(el.value);
      if (isPluralElement(el) || isSelectElement(el)) {
        names.push(el.value);
        Object.values(el.options).forEach((option) => walk(option.value));
      }
    });
  walk(parse(message));
  return names.sort();
}

describe('email message files', () => {
  const frLeaves = new Map(leaves(fr));
  const enLeaves = new Map(leaves(en));

  it('have exactly the same keys in French and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...frLeaves.keys()].sort());
  });

  it('have no empty or non-string messages', () => {
    for (const [key, value] of [...frLeaves, ...enLeaves]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of frLeaves) {
      expect(placeholders(String(enLeaves.get(key))), key).toEqual(placeholders(String(value)));
    }
  });
});
