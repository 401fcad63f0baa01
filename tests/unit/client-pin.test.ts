import { describe, expect, it } from 'vitest';
import { formatPin, generatePin, hashPin, normalizePin, PIN_LENGTH } from '@/lib/clients/pin';
import { parseCsv, toCsvRow } from '@/lib/clients/csv';

describe('client PINs', () => {
  it('are 8 Crockford base32 characters, 40 bits, shown XXXX-XXXX', () => {
    const pins = new Set(Array.from({ length: 2000 }, generatePin));
    expect(pins.size).toBe(2000);
    for (const pin of pins) expect(pin).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(formatPin('ABCD2345')).toBe('ABCD-2345');
    expect(PIN_LENGTH * 5).toBeGreaterThanOrEqual(40);
  });

  it('accept any case, spaces and dashes, and read O as 0 and I/L as 1', () => {
    for (const typed of ['abcd-2345', 'ABCD 2345', ' abcd2345 ', 'A B C D - 2 3 4 5']) {
      expect(normalizePin(typed)).toEqual({ pin: 'ABCD2345' });
    }
    expect(normalizePin('oIl0-0000')).toEqual({ pin: '01100000' });
  });

  it('say why typed text cannot be a PIN', () => {
    expect(normalizePin('')).toEqual({ error: 'required' });
    expect(normalizePin('ABCD-234')).toEqual({ error: 'length' });
    expect(normalizePin('ABCD-23456')).toEqual({ error: 'length' });
    expect(normalizePin('ABCD-23U5')).toEqual({ error: 'characters' });
  });

  it('PIN-04: are stored as a keyed hash that depends on the pepper', () => {
    const a = hashPin('ABCD2345', 'p'.repeat(32));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('ABCD2345');
    expect(hashPin('ABCD2345', 'q'.repeat(32))).not.toBe(a);
    expect(hashPin('ABCD2345', 'p'.repeat(32))).toBe(a);
  });
});

describe('CSV', () => {
  it('parses quotes, commas and newlines in fields, with line numbers', () => {
    const rows = parseCsv('a,b\r\n"x, y","multi\nline"\n\nlast,"say ""hi"""\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'multi\nline'] },
      { line: 5, fields: ['last', 'say "hi"'] },
    ]);
  });

  it('writes rows back, defusing spreadsheet formulas', () => {
    expect(toCsvRow(['a,b', '=cmd()', 'plain'])).toBe(`"a,b",'=cmd(),plain`);
  });
});
