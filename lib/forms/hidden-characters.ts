/**
 * Characters that a name, an address or an email address must never hold (VAL-01, REG-03). They
 * are invisible, or change how the text around them is displayed, and staff screens, exports and
 * emails show what a person typed as is:
 *
 * - C0 and C1 control characters and DEL (CR/LF would break a mail header, MAIL-01);
 * - the bidirectional embedding, override and isolate controls, U+202A–U+202E and U+2066–U+2069:
 *   they reorder what is displayed ("Trojan Source", CVE-2021-42574), so that a name or an
 *   address reads as another one;
 * - the line and paragraph separators, U+2028 and U+2029: a line break that no control check sees.
 *
 * One list for every schema: the profile (consent, contact details), the client-record import and
 * the email fields (lib/accounts/email-address.ts, which refuses more: every non-ASCII character
 * of a local part, and whitespace).
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether `value` holds a control, bidirectional control, or line or paragraph separator. */
export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN.test(value);
}
