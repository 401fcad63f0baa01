import { describe, expect, it } from 'vitest';
import { emailError, normalizeEmail } from '@/lib/accounts/email-address';

describe('normalizeEmail', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail(' A@Ex.CA ')).toBe('a@ex.ca');
  });

  it('gives the same result for addresses that differ only in case and surrounding space', () => {
    expect(normalizeEmail('\tJean.Tremblay@Ottawa.CA\n')).toBe(
      normalizeEmail('jean.tremblay@ottawa.ca'),
    );
  });

  it('composes a non-ASCII local part to NFC so it has one spelling', () => {
    expect(normalizeEmail('e\u0301lise@ex.ca')).toBe('\u00e9lise@ex.ca');
  });
});

describe('emailError', () => {
  it.each([
    'a@ex.ca',
    ' A@Ex.CA ',
    'jean.tremblay+permis@ottawa.ca',
    "o'brien@example.com",
    'user@sub.domain.example.org',
    'x@xn--80ak6aa92e.com',
    'a@ex.xn--p1ai',
  ])('accepts %j', (raw) => {
    expect(emailError(raw)).toBeNull();
  });

  it.each(['', '   ', '\n'])('says required for %j', (raw) => {
    expect(emailError(raw)).toBe('required');
  });

  it('accepts 254 characters and says tooLong at 255', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.ca`; // 194 characters
    const at254 = `${'l'.repeat(59)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(emailError(at254)).toBeNull();
    expect(emailError(`l${at254}`)).toBe('tooLong');
  });

  it('measures the length after trimming', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.ca`;
    expect(emailError(`   ${'l'.repeat(59)}@${domain}   `)).toBeNull();
  });

  it.each([
    ['a CR inside', 'a@ex.ca\r\nBcc: x@evil.example'],
    ['a LF inside', 'a\n@ex.ca'],
    ['a NUL', 'a\u0000b@ex.ca'],
    ['a DEL', 'a\u007fb@ex.ca'],
    ['a tab inside', 'a\tb@ex.ca'],
    ['a space inside', 'jean tremblay@ex.ca'],
    ['a no-break space', 'a\u00a0b@ex.ca'],
    ['a zero-width space', 'a\u200bb@ex.ca'],
    ['a line separator', 'a\u2028b@ex.ca'],
    // Mail servers refuse these at RCPT TO (found by MAIL-01's fuzzing over SMTP).
    ['an xn-- label that is not punycode', 'a0@xn--b.mnchen-3ya.de'],
    ['an xn-- TLD that is not punycode', 'a@example.xn--abc'],
  ])('says invalid for %s', (_label, raw) => {
    expect(emailError(raw)).toBe('invalid');
  });

  it.each([
    ['an accented local part', 'résident@ex.ca'],
    ['a mixed-script local part (Cyrillic а)', 'p\u0430ul@ex.ca'],
    ['an NFD accent', 'e\u0301lise@ex.ca'],
    ['a right-to-left override', 'jean\u202e@ex.ca'],
    ['a left-to-right embedding', '\u202ajean@ex.ca'],
    ['a pop directional formatting', 'je\u202can@ex.ca'],
    ['a right-to-left isolate', 'jean@\u2067ex.ca'],
    ['a pop directional isolate', 'jean@ex.ca\u2069'],
  ])('REG-03: says characters for %s', (_label, raw) => {
    expect(emailError(raw)).toBe('characters');
  });

  it.each([
    ['a non-ASCII domain', 'a@exämple.ca'],
    ['a non-ASCII TLD', 'a@example.рф'],
    ['a fullwidth dot in the domain', 'a@example\uff0eca'],
  ])('says invalid for %s', (_label, raw) => {
    expect(emailError(raw)).toBe('invalid');
  });

  it.each([
    'plainaddress',
    '@ex.ca',
    'a@',
    'a@@ex.ca',
    'a@b@ex.ca',
    'a@localhost',
    'a@ex',
    'a@ex.c',
    'a@ex.123',
    'a@-ex.ca',
    'a@ex-.ca',
    'a@ex..ca',
    'a@.ex.ca',
    'a@ex.ca.',
    '.a@ex.ca',
    'a.@ex.ca',
    'a..b@ex.ca',
    '"a"@ex.ca',
    'a<b>@ex.ca',
    'a,b@ex.ca',
    'a;b@ex.ca',
    'a(b)@ex.ca',
    'a\\b@ex.ca',
    'a@[127.0.0.1]',
    `${'l'.repeat(65)}@ex.ca`,
    `a@${'d'.repeat(64)}.ca`,
  ])('says invalid for %j', (raw) => {
    expect(emailError(raw)).toBe('invalid');
  });
});
