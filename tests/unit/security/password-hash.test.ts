import { describe, expect, it } from 'vitest';
import {
  ARGON2_HASH_PREFIX,
  ARGON2_PARAMS,
  dummyVerify,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '@/lib/security/password-hash';

const unicode = 'Mot de passe été ✓✓ 2025';

function flipCase(s: string): string {
  return [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

describe('hashPassword', () => {
  it('PWD-07: makes argon2id hashes with m=19456, t=2, p=1', async () => {
    const h = await hashPassword(unicode);
    expect(h.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(ARGON2_HASH_PREFIX).toBe('$argon2id$v=19$m=19456,t=2,p=1$');
    expect(ARGON2_PARAMS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(h)).toBe(false);
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    expect(await hashPassword(unicode)).not.toBe(await hashPassword(unicode));
  });

  it('never contains the password', async () => {
    expect(await hashPassword('violet tambour quinze nuages')).not.toContain('violet');
  });
});

describe('verifyPassword (PWD-05, PWD-07)', () => {
  it('accepts the NFD form of a password registered in NFC, and the reverse', async () => {
    const nfc = unicode.normalize('NFC');
    const nfd = unicode.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(await verifyPassword(await hashPassword(nfc), nfd)).toBe(true);
    expect(await verifyPassword(await hashPassword(nfd), nfc)).toBe(true);
  });

  it('refuses the case-flipped password (no case folding)', async () => {
    const h = await hashPassword(unicode);
    expect(await verifyPassword(h, unicode)).toBe(true);
    expect(await verifyPassword(h, flipCase(unicode))).toBe(false);
  });

  it('refuses the password minus its last character', async () => {
    const h = await hashPassword(unicode);
    expect(await verifyPassword(h, [...unicode].slice(0, -1).join(''))).toBe(false);
  });

  it('refuses a 128-character password changed at its 100th character (no truncation)', async () => {
    const p = Array.from(
      { length: 128 },
      (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36],
    ).join('');
    const changed = `${p.slice(0, 99)}${p[99] === 'X' ? 'Y' : 'X'}${p.slice(100)}`;
    expect(changed).toHaveLength(128);
    expect(changed).not.toBe(p);
    const h = await hashPassword(p);
    expect(await verifyPassword(h, p)).toBe(true);
    expect(await verifyPassword(h, changed)).toBe(false);
  });

  it('refuses extra leading or trailing spaces (no trimming)', async () => {
    const h = await hashPassword(unicode);
    expect(await verifyPassword(h, ` ${unicode}`)).toBe(false);
    expect(await verifyPassword(h, `${unicode} `)).toBe(false);
  });

  it.each([
    '',
    'not a hash',
    '$argon2id$v=19$m=19456,t=2,p=1$broken',
    '$2b$10$abcdefghijklmnopqrstuv',
  ])('returns false instead of throwing for the malformed hash %j', async (h) => {
    await expect(verifyPassword(h, unicode)).resolves.toBe(false);
  });

  it('returns false for an empty or absurdly long password', async () => {
    const h = await hashPassword(unicode);
    expect(await verifyPassword(h, '')).toBe(false);
    expect(await verifyPassword(h, 'x'.repeat(1_000_000))).toBe(false);
  });

  it('says a hash made with weaker parameters needs a rehash, and still verifies it', async () => {
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(unicode, { memoryCost: 8192, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
    expect(await verifyPassword(weak, unicode)).toBe(true);
  });
});

describe('dummyVerify (LOG-02)', () => {
  it('always resolves to false', async () => {
    expect(await dummyVerify(unicode)).toBe(false);
    expect(await dummyVerify('')).toBe(false);
  });

  it('costs about what a real verification costs', async () => {
    const h = await hashPassword(unicode);
    const time = async (f: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) await f();
      return (performance.now() - start) / 5;
    };
    await dummyVerify('warm-up');
    const real = await time(() => verifyPassword(h, 'wrong password here'));
    const dummy = await time(() => dummyVerify('wrong password here'));
    expect(dummy).toBeGreaterThan(real / 3);
    expect(dummy).toBeLessThan(real * 3);
  });
});
