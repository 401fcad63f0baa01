import type { Locale } from '@/lib/i18n/routing';

/** A calendar day ("2026-12-18") in words, in the resident's language: « 18 décembre 2026 ». */
export function plainDateInWords(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(`${locale}-CA`, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** Staff's free text, its paragraphs kept: one string per line that has something on it. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A clock time ("08:30") as each language writes it: « 8 h 30 », "8:30 a.m.". */
export function clockTimeInWords(locale: Locale, hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (locale === 'fr')
    return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}`;
  return new Intl.DateTimeFormat('en-CA', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2026, 0, 1, h, m)));
}
