import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { normalizePassword } from './password-policy';

/**
 * Password hashing (PWD-07): argon2id, m=19456 KiB, t=2, p=1 (OWASP's first recommended set;
 * ~30 ms a hash on the target machine). Both sides apply `normalizePassword` (NFKC only), so
 * callers pass what the person typed.
 */

/**
 * `Algorithm` is a `const enum` in @node-rs/argon2's types and its runtime object is empty, so
 * `Algorithm.Argon2id` cannot be used with isolatedModules: 2 is its documented value.
 */
const ARGON2ID = 2 as Algorithm;

export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

/** The PHC prefix every hash made with ARGON2_PARAMS starts with. */
export const ARGON2_HASH_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

/**
 * Longest input worth hashing, in UTF-16 units, before normalization. Valid passwords are at most
 * 128 code points (≤ 512 units even after NFKC expands them); anything far longer is refused
 * outright so a megabyte-sized form field cannot buy a megabyte of hashing.
 */
const MAX_INPUT_UNITS = 4096;

export async function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_PARAMS);
}

/**
 * True when `password` matches `passwordHash`. Never throws for bad input: a malformed hash, an
 * empty or absurdly long password all give false. The hash's own parameters are used, so hashes
 * made with older parameters still verify (see `needsRehash`).
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (typeof passwordHash !== 'string' || typeof password !== 'string') return false;
  if (!passwordHash.startsWith('$argon2') || password.length > MAX_INPUT_UNITS) return false;
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/**
 * argon2id hash (ARGON2_PARAMS) of 32 random bytes nobody kept: verifying against it costs what
 * a real verification costs, and it never matches.
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$+vImb3z1pmXj0jhYttBvBg$NLvIZ2LPx1PG/Hr2SvtNI9vagS9BivNvXopPafBAkeE';

/**
 * Timing parity (LOG-02): run a full verification for an unknown email or a locked account, so
 * the response takes as long as a wrong password would. Always resolves to false.
 */
export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/** True when a stored hash was made with other parameters than ARGON2_PARAMS (rehash on login). */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return (
      o.algorithm !== ARGON2_PARAMS.algorithm ||
      o.memoryCost !== ARGON2_PARAMS.memoryCost ||
      o.timeCost !== ARGON2_PARAMS.timeCost ||
      o.parallelism !== ARGON2_PARAMS.parallelism
    );
  } catch {
    return true;
  }
}
