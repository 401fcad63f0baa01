import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Password rules (PWD-01..05): length, a blocklist and context words — no composition rules.
 *
 * Normalization is NFKC and nothing else: no trimming, no case folding, no truncation. The same
 * `normalizePassword` runs at registration, login, activation and reset (password-hash.ts applies
 * it itself), so what a person types is what is checked. Leading and trailing spaces are kept:
 * trimming is allowed by NIST but "no trim at all" is the one rule that can never differ between
 * two code paths.
 */

export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordError = 'required' | 'tooShort' | 'tooLong' | 'common' | 'contextWords';

/** NFKC (so the composed and decomposed forms of "été" are one password). Nothing else. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length in Unicode code points, after normalization. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** Product and place names a person is tempted to build a password from (PWD-04). */
const CONTEXT_WORDS = [
  'monserviceottawa',
  'myserviceottawa',
  'serviceottawa',
  'ottawa',
  'city',
  'ville',
] as const;

/** Fewer letters than this left once the context words are removed → 'contextWords'. */
const MIN_LETTERS_BEYOND_CONTEXT = 6;

/** Ours, on top of the bundled list: French and product words the English list lacks. */
const EXTRA_COMMON = [
  'motdepasse',
  'motdepasse1',
  'bonjour',
  'soleil',
  'bienvenue',
  'azerty',
  'azertyuiop',
  'chocolat',
  'doudou',
  'loulou',
  'canada',
  'quebec',
  'gatineau',
  'password',
  'passeport',
  'correcthorsebatterystaple', // the famous example; spaced forms are caught too (separators removed)
];

/**
 * Keyboard rows and digit runs; a password that is a stretch of one of these (either direction)
 * is 'common' even when the list lacks that exact stretch ("qwertyuiopasdfgh").
 */
const SEQUENCES = [
  "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./",
  '²&é"\'(-è_çà)=azertyuiop^$qsdfghjklmù*wxcvbn,;:!',
  '1234567890qwertyuiopasdfghjklzxcvbnm',
  '1234567890azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789012345678901234567890123456789',
];

let commonPasswords: Set<string> | undefined;

/**
 * The blocklist as a Set of lowercase strings, built on first use and cached for the process:
 * zxcvbn-ts's `passwords-common` (~49,000 entries from breach corpora, all lowercase) plus ours.
 */
function commonSet(): Set<string> {
  if (!commonPasswords) {
    commonPasswords = new Set(
      [...dictionary['passwords-common'], ...EXTRA_COMMON].map((p) => p.toLowerCase()),
    );
  }
  return commonPasswords;
}

/** True when `candidate` (normalized) is on the bundled blocklist, as is. */
export function isListedPassword(candidate: string): boolean {
  return commonSet().has(normalizePassword(candidate).toLowerCase());
}

// Digits, punctuation, symbols and separators — the "decoration" around a weak core.
const DECORATION = /[\p{N}\p{P}\p{S}\p{Z}\s]/gu;
const LEADING_DECORATION = /^[\p{N}\p{P}\p{S}\p{Z}\s]+/u;
const TRAILING_DECORATION = /[\p{N}\p{P}\p{S}\p{Z}\s]+$/u;
// Separators only (spaces and punctuation), digits kept.
const SEPARATORS = /[\p{P}\p{Z}\s]/gu;

/**
 * True when the string is one unit repeated ("aaaa", "abcabcab", "passwordpassword") and that
 * unit is shorter than the minimum length: the repetition adds next to nothing to the unit.
 */
function isRepetitive(s: string): boolean {
  const cps = [...s];
  const n = cps.length;
  if (n < 2) return false;
  const maxPeriod = Math.min(Math.floor(n / 2), MIN_PASSWORD_LENGTH - 1);
  for (let period = 1; period <= maxPeriod; period++) {
    let repeats = true;
    for (let i = period; i < n; i++) {
      if (cps[i] !== cps[i - period]) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  return false;
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** True when the string is a stretch of a keyboard row or of the alphabet/digits, either way. */
function isSequence(s: string): boolean {
  if ([...s].length < 4) return false;
  return SEQUENCES.some((seq) => seq.includes(s) || seq.includes(reverse(s)));
}

function isCommon(normalized: string): boolean {
  const set = commonSet();
  const lower = normalized.toLowerCase();
  const joined = lower.replace(SEPARATORS, ''); // "correct horse battery staple" → one word
  const candidates = new Set<string>();
  for (const form of [lower, joined]) {
    candidates.add(form);
    // A listed password with only digits and symbols around it: "Password2025!!", "!!soleil!!".
    candidates.add(form.replace(LEADING_DECORATION, '').replace(TRAILING_DECORATION, ''));
  }
  for (const c of candidates) {
    if (c === '') continue;
    if (set.has(c) || isRepetitive(c) || isSequence(c)) return true;
  }
  // Only digits and symbols, and those form a repetition or a run ("2025!2025!2025!").
  const lettersOnly = lower.replace(DECORATION, '');
  return lettersOnly === '' && (isRepetitive(joined) || isSequence(joined));
}

function contextWords(email: string | undefined): string[] {
  const words: string[] = [...CONTEXT_WORDS];
  const local = email?.trim().toLowerCase().split('@')[0] ?? '';
  const withoutTag = local.split('+')[0] ?? '';
  if ([...withoutTag].length >= 3) {
    words.push(withoutTag, withoutTag.replace(/[._-]/g, ''));
    // "jean.tremblay" → also "jean" and "tremblay" on their own.
    for (const part of withoutTag.split(/[._-]+/)) if ([...part].length >= 3) words.push(part);
  }
  // Longest first, so "monserviceottawa" goes before "ottawa" can split it.
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function isMostlyContext(normalized: string, email: string | undefined): boolean {
  let rest = normalized.toLowerCase();
  let removed = false;
  for (const word of contextWords(email)) {
    if (rest.includes(word)) {
      rest = rest.split(word).join('');
      removed = true;
    }
  }
  if (!removed) return false;
  const letters = [...rest.replace(DECORATION, '')].length;
  return letters < MIN_LETTERS_BEYOND_CONTEXT;
}

/**
 * Why `password` is not acceptable, or null. Lengths are counted in code points after NFKC.
 * Order: required, tooShort, tooLong, contextWords, common — the first that applies.
 *
 * - 'contextWords': once every context word (ottawa, serviceottawa, monserviceottawa,
 *   myserviceottawa, city, ville, and the email's local part and its parts when ≥3 characters)
 *   and all digits, spaces, punctuation and symbols are removed, fewer than 6 letters remain.
 * - 'common': the password (lowercased, or with its separators removed) is on the blocklist,
 *   is a listed password with only digits/symbols around it, is one short unit repeated, or is a
 *   keyboard/alphabet/digit run.
 */
export function passwordError(
  password: string,
  context: { email?: string } = {},
): PasswordError | null {
  if (password === '') return 'required';
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (isMostlyContext(normalized, context.email)) return 'contextWords';
  if (isCommon(normalized)) return 'common';
  return null;
}
