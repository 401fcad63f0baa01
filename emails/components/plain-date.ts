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
