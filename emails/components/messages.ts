import type { Locale } from '@/lib/i18n/routing';
import en from '../messages/en.json';
import fr from '../messages/fr.json';

/** The email texts, edited by content editors in emails/messages/{fr,en}.json. */
export type EmailMessages = typeof fr;
export type EmailNamespace = keyof EmailMessages;
/** A dotted key such as 'Activation.subject'. */
export type EmailMessageKey = {
  [N in EmailNamespace]: `${N}.${keyof EmailMessages[N] & string}`;
}[EmailNamespace];

// Typing `en` as the shape of `fr` makes tsc fail when the English file lacks a French key.
const catalogs: Record<Locale, EmailMessages> = { fr, en };

type Values = Record<string, string | number>;

function format(message: string, values: Values = {}): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    // A missing value would otherwise ship "{hours}" to a resident: fail loudly instead.
    if (value === undefined) throw new Error(`Email message is missing a value for {${name}}`);
    return String(value);
  });
}

export function emailMessage(locale: Locale, key: EmailMessageKey, values?: Values): string {
  const [namespace, name] = key.split('.') as [EmailNamespace, string];
  const message = (catalogs[locale][namespace] as Record<string, string>)[name];
  if (message === undefined) throw new Error(`Unknown email message ${locale}:${key}`);
  return format(message, values);
}

/** A translator bound to one locale and namespace, as templates use it. */
export function emailTranslator<N extends EmailNamespace>(locale: Locale, namespace: N) {
  return (key: keyof EmailMessages[N] & string, values?: Values): string =>
    emailMessage(locale, `${namespace}.${key}` as EmailMessageKey, values);
}
