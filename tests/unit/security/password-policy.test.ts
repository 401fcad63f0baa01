import { describe, expect, it } from 'vitest';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  isListedPassword,
  normalizePassword,
  passwordError,
  passwordLength,
} from '@/lib/security/password-policy';

const email = 'jean.tremblay@ex.ca';

describe('normalizePassword', () => {
  it('PWD-05: maps the NFD and NFC forms of a password to the same string', () => {
    const nfc = 'Mot de passe été ✓✓ 2025'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normalizePassword(nfd)).toBe(normalizePassword(nfc));
  });

  it('applies compatibility mapping (NFKC): a ligature and fullwidth letters become plain letters', () => {
    expect(normalizePassword('\ufb01n ＡＢＣ')).toBe('fin ABC');
  });

  it('keeps case and leading and trailing spaces, and never truncates', () => {
    const p = `  MixedCase ${'x'.repeat(200)}  `;
    expect(normalizePassword(p)).toBe(p);
  });
});

describe('password length (PWD-01, PWD-02)', () => {
  it('uses 15 and 128 code points', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(15);
    expect(MAX_PASSWORD_LENGTH).toBe(128);
  });

  it('PWD-01: rejects 14 characters as tooShort and accepts 15', () => {
    expect(passwordError('violet tambour', {})).toBe('tooShort');
    expect(passwordError('violet tambour!', {})).toBeNull();
  });

  it('counts code points, not UTF-16 units: 14 emoji are too short', () => {
    const emoji = '🦫🍁🌲🏒🦆🐟🌊🏔🛶🍂🦌🐻🌧🌙';
    expect(emoji.length).toBe(28);
    expect(passwordLength(emoji)).toBe(14);
    expect(passwordError(emoji, {})).toBe('tooShort');
  });

  it('counts after NFKC: decomposed accents do not inflate the length', () => {
    const nfd = 'été à l’hôtel'.normalize('NFD'); // 13 code points once composed
    expect([...nfd].length).toBeGreaterThanOrEqual(15);
    expect(passwordError(nfd, {})).toBe('tooShort');
  });

  it('PWD-02: accepts 64 and 128 characters and rejects 129 as tooLong', () => {
    const unit = 'Xk9#qLm2vR7tWp4z'; // 16 distinct characters
    const random128 = Array.from({ length: 8 }, (_, i) => `${unit.slice(i)}${unit.slice(0, i)}`)
      .join('')
      .split('')
      .map((c, i) => (i % 7 === 0 ? c.toLowerCase() : c))
      .join('');
    expect(random128).toHaveLength(128);
    expect(passwordError(random128.slice(0, 64), {})).toBeNull();
    expect(passwordError(random128, {})).toBeNull();
    expect(passwordError(`${random128}a`, {})).toBe('tooLong');
  });

  it('says required for an empty password', () => {
    expect(passwordError('', {})).toBe('required');
  });
});

describe('no composition rules (PWD-03)', () => {
  it('PWD-03: accepts a 15+ character all-lowercase passphrase that is not on the list', () => {
    expect(passwordError('violet tambour quinze nuages', {})).toBeNull();
    expect(passwordError('violettambourquinze', { email })).toBeNull();
  });

  it('accepts Unicode: "Mot de passe été ✓✓ 2025"', () => {
    expect(passwordError('Mot de passe été ✓✓ 2025', { email })).toBeNull();
  });

  it('accepts a long random-looking number (no letter required)', () => {
    expect(passwordError('839201746529301', {})).toBeNull();
  });
});

describe('blocklist (PWD-04)', () => {
  it('PWD-04: loads the bundled list: common entries are listed, a random passphrase is not', () => {
    expect(isListedPassword('password')).toBe(true);
    expect(isListedPassword('PassWord')).toBe(true);
    expect(isListedPassword('passwordpassword')).toBe(true);
    expect(isListedPassword('violet tambour quinze nuages')).toBe(false);
  });

  it.each([
    'passwordpassword', // on the bundled list as is
    'PasswordPassword',
    '1234567890qwerty',
    'qwertyuiop12345',
    '123456789987654321',
  ])('rejects the listed password %j as common', (p) => {
    expect(passwordError(p, {})).toBe('common');
  });

  it.each([
    'motdepasse2025!!',
    'Bonjour123456789',
    '!!!soleil!!!2025',
    'iloveyou1234567',
    '2025 Password !!!',
  ])('rejects a listed word with only digits and symbols around it: %j', (p) => {
    expect(passwordError(p, {})).toBe('common');
  });

  it.each([
    'aaaaaaaaaaaaaaa',
    'abcabcabcabcabc',
    'abcabcabcabcabcab',
    'Password123!Password123!',
    '               ',
    '2025!2025!2025!2025!',
    'na na na na na na na na',
  ])('rejects one short unit repeated: %j', (p) => {
    expect(passwordError(p, {})).toBe('common');
  });

  it.each([
    'qwertyuiopasdfgh',
    'azertyuiopqsdfgh',
    'abcdefghijklmnopq',
    '123456789012345',
    'zyxwvutsrqponmlk',
  ])('rejects a keyboard or alphabet run: %j', (p) => {
    expect(passwordError(p, {})).toBe('common');
  });

  it('checks the list with spaces and punctuation removed ("pass word pass word")', () => {
    expect(passwordError('pass word pass word', {})).toBe('common');
  });

  it('rejects the famous example passphrase, spaced or not', () => {
    expect(passwordError('correct horse battery staple', {})).toBe('common');
    expect(passwordError('Correct-Horse-Battery-Staple', {})).toBe('common');
  });

  it('accepts a listed word inside a longer phrase of other words', () => {
    expect(passwordError('soleil sur la rivière rideau', {})).toBeNull();
  });
});

describe('context words (PWD-04)', () => {
  it('PWD-04: rejects ottawaottawaottawa with a reason', () => {
    expect(passwordError('ottawaottawaottawa', {})).not.toBeNull();
    expect(passwordError('ottawaottawaottawa', {})).toBe('contextWords');
  });

  it.each([
    'MonServiceOttawa2025!',
    'myserviceottawa123',
    'ServiceOttawa 2025 !!',
    'Ottawa-City-2025!!',
    'ville ottawa 2025 !',
    'ottawa ville city 1',
  ])('rejects %j as contextWords', (p) => {
    expect(passwordError(p, {})).toBe('contextWords');
  });

  it("rejects the email's local part with digits around it", () => {
    expect(passwordError('jean.tremblay2025!!', { email })).toBe('contextWords');
    expect(passwordError('JeanTremblay-2025!', { email })).toBe('contextWords');
    expect(passwordError('tremblay jean 20252025', { email })).toBe('contextWords');
  });

  it('uses the local part only with an email, and only when it has 3 characters or more', () => {
    expect(passwordError('jean.tremblay2025!!', {})).toBeNull();
    expect(passwordError('jo jo 123456789012', { email: 'jo@ex.ca' })).not.toBe('contextWords');
  });

  it('ignores the +tag of the local part and the case of the email', () => {
    expect(passwordError('jeantremblay-123456', { email: ' Jean.Tremblay+permis@Ex.CA ' })).toBe(
      'contextWords',
    );
  });

  it('accepts a context word with enough other letters around it', () => {
    expect(passwordError('ottawa violet tambour nuages', { email })).toBeNull();
    expect(passwordError('jean aime les nuages violets', { email })).toBeNull();
  });
});
