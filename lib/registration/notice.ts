import { createHash } from 'node:crypto';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import type { Locale } from '@/lib/i18n/routing';

/** The Building Code Services collection notice and consent, as content editors keep them. */
const MESSAGES = { fr, en } as const;

export const BUILDING_SERVICE_KEY = 'building-code-services';

/**
 * The notice's version lives beside its text in the locale files (`RegisterPage.noticeVersion`);
 * bumping it sends everyone back through consent (PRIV-03). Both files carry the same value
 * (a unit test checks), so either can be read.
 */
export function currentNoticeVersion(): string {
  return fr.RegisterPage.noticeVersion;
}

/**
 * The paragraphs of a rich-text message (`<p>…</p><p>…</p>`), one a line: the words shown, as
 * they were fingerprinted when the file held them as a list.
 */
const paragraphLines = (text: string) =>
  text
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<\/?p>/g, '')
    .trim();

/** The exact words the person was shown, for the consent record's fingerprint (PRIV-02). */
export function noticeSha256(locale: Locale): string {
  const page = MESSAGES[locale].RegisterPage;
  const shown = [
    page.noticeVersion,
    page.transferTitle,
    paragraphLines(page.transferParagraphs),
    page.collectionTitle,
    page.collectionText,
    page.consent,
  ].join('\n');
  return createHash('sha256').update(shown, 'utf8').digest('hex');
}
