import { createTranslator, type MessageKeys, type NestedKeyOf } from 'next-intl';
import type { Locale } from '@/lib/i18n/routing';
import en from '../messages/en.json';
import fr from '../messages/fr.json';

/** The email texts, edited by content editors in emails/messages/{fr,en}.json. */
export type EmailMessages = typeof fr;
export type EmailNamespace = keyof EmailMessages;
/** A dotted key such as 'Activation.subject'. */
export type EmailMessageKey = MessageKeys<EmailMessages, NestedKeyOf<EmailMessages>>;

// Typing `en` as the shape of `fr` makes tsc fail when the English file lacks a French key.
const catalogs: Record<Locale, EmailMessages> = { fr, en };

const fail = (error: Error) => {
  throw error;
};

/**
 * next-intl's translator over the email texts (ICU: plurals, selects), typed by the French file.
 * A missing value or key throws rather than ship "{hours}" or a key to a resident.
 */
export function emailTranslator<N extends EmailNamespace>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogs[locale], namespace, onError: fail });
}

/** One text by its full key, for the subject line. */
export function emailMessage(locale: Locale, key: EmailMessageKey): string {
  return createTranslator({ locale, messages: catalogs[locale], onError: fail })(key);
}

/**
 * An application type's name as it reads inside a sentence ("Votre demande de permis de
 * construire…", "Your construction permit application…"), as the type picker writes it.
 */
export function typeNameInSentence(locale: Locale, typeKey: string): string {
  const types = emailTranslator(locale, 'ApplicationTypes');
  const key = typeKey as keyof EmailMessages['ApplicationTypes'];
  return types.has(key) ? types(key).toLowerCase() : typeKey;
}
