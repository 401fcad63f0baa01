/**
 * French typography for locale texts (what `npm run messages:check` asks of French values): the
 * typographic apostrophe ’, and a non-breaking space before : ; ? ! » and after «.
 */
const NBSP = '\u00a0';

/** Typography for one piece of French text outside {…} syntax. */
export function fixFrenchText(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/[ \t]+([:;?!»])/g, `${NBSP}$1`)
    .replace(/([\p{L}\p{N})’"])([?!])/gu, `$1${NBSP}$2`)
    .replace(/«[ \t]+/g, `«${NBSP}`)
    .replace(/«(?=[^\s\u00a0\u202f])/g, `«${NBSP}`);
}

/** Applies fixFrenchText to the literal parts of an ICU message, keeping URLs as they are. */
export function fixFrenchMessage(message: string): string {
  let depth = 0;
  let out = '';
  let literal = '';
  const flush = () => {
    out += literal
      .split(/(\bhttps?:\/\/\S+)/)
      .map((part, i) => (i % 2 ? part : fixFrenchText(part)))
      .join('');
    literal = '';
  };
  for (const c of message) {
    if (c === '{') {
      if (depth === 0) flush();
      depth += 1;
      out += c;
    } else if (c === '}') {
      depth = Math.max(depth - 1, 0);
      out += c;
    } else if (depth === 0) {
      literal += c;
    } else {
      // Inside {…}: plural/select cases hold text again after their own "{".
      out += c;
    }
  }
  flush();
  return out;
}
