import { createHash } from 'node:crypto';
import { createTranslator } from 'next-intl';
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
 * The exact words the person was shown, for the consent record's fingerprint (PRIV-02). Read
 * through next-intl's translator: in the app's bundle the message files arrive precompiled (a
 * rich text such as `<p>…</p>` is no longer a string). The paragraphs go one a line, as they were
 * fingerprinted when the file held them as a list.
 */
export function noticeSha256(locale: Locale): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'RegisterPage' });
  const shown = [
    t('noticeVersion'),
    t('transferTitle'),
    t.markup('transferParagraphs', { p: (chunks) => `${chunks}\n` }).trim(),
    t('collectionTitle'),
    t('collectionText'),
    t('consent'),
  ].join('\n');
  return createHash('sha256').update(shown, 'utf8').digest('hex');
}
