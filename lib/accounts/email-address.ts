import { BIDI_CONTROLS } from '@/lib/forms/hidden-characters';

/**
 * Email addresses as the accounts domain sees them (REG-03).
 *
 * The stored form is `normalizeEmail(raw)`; every lookup (registration, login, throttle keys)
 * goes through it, so `" A@Ex.CA "` and `"a@ex.ca"` are the same account.
 *
 * The check is deliberately pragmatic, not RFC 5322: one `@`, a dot-atom local part, and an ASCII
 * domain of at least two labels whose last label looks like a TLD. Internationalized domains must
 * be entered in their `xn--` form (REG-03 rejects non-ASCII domains).
 *
 * The local part is ASCII too (a decision, VAL-01/REG-03): no SMTPUTF8 mailboxes. A mixed-script
 * local part (`pаul@…` with a Cyrillic `а`) looks exactly like another account's address on a
 * staff screen, and the City's mail relay and back office, like most Canadian mail systems, do
 * not accept SMTPUTF8 addresses, so the activation mail might never arrive. An address with an
 * accented letter, a letter of another alphabet or a bidirectional control gets its own message
 * ('characters'); controls and whitespace stay 'invalid', as before.
 */

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

export type EmailError = 'required' | 'invalid' | 'tooLong' | 'characters';

/**
 * Trim, Unicode NFC (a no-op for the ASCII addresses emailError accepts; lookups of anything else
 * still get one spelling) and lowercase.
 * Mailbox names are case-sensitive in theory, never in practice: one address, one account.
 */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

// Letters, digits and the dot-atom specials, ASCII only.
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const NON_ASCII = /[^\x00-\x7F]/;
// One DNS label: letters, digits, inner hyphens, at most 63 characters.
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
// The last label: letters only (com, ca, quebec) or an IDN TLD in punycode (xn--…).
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;
// C0 and C1 controls, DEL, and Unicode whitespace/separators (incl. line and paragraph separators),
// and lone surrogates (with the u flag the range matches no valid pair): UTF-8 cannot encode them,
// so the database and the mail would carry U+FFFD, another address than the one checked.
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\s\u2028\u2029\u200B-\u200D\uFEFF\uD800-\uDFFF]/u;

/** Why `raw` is not an acceptable email address, or null when it is. Checks the trimmed value. */
export function emailError(raw: string): EmailError | null {
  const value = raw.trim();
  if (value === '') return 'required';
  if ([...value].length > MAX_EMAIL_LENGTH) return 'tooLong';
  if (FORBIDDEN.test(value)) return 'invalid';
  if (BIDI_CONTROLS.test(value)) return 'characters';

  const at = value.indexOf('@');
  if (at < 0 || at !== value.lastIndexOf('@')) return 'invalid';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);

  if (local === '' || [...local].length > MAX_LOCAL_PART_LENGTH) return 'invalid';
  if (NON_ASCII.test(local)) return 'characters';
  const atoms = local.split('.');
  if (!atoms.every((atom) => LOCAL_ATOM.test(atom))) return 'invalid'; // also: no empty atom (.., leading/trailing .)

  if (NON_ASCII.test(domain)) return 'invalid';
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  if (labels.length < 2 || tld === undefined) return 'invalid';
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return 'invalid';
  if (!TLD.test(tld)) return 'invalid';
  // An `xn--` label must be real punycode: mail servers refuse `xn--b.example.ca` at RCPT TO, so
  // the activation mail would never leave. The WHATWG URL parser decodes every label (UTS #46).
  if (labels.some((label) => /^xn--/i.test(label)) && !isIdnaHostname(domain)) return 'invalid';
  return null;
}

function isIdnaHostname(domain: string): boolean {
  try {
    return new URL(`http://${domain}`).hostname === domain.toLowerCase();
  } catch {
    return false;
  }
}
