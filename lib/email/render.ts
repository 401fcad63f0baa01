import { createElement, type FunctionComponent } from 'react';
import { render, toPlainText } from '@react-email/components';
import { emailMessage } from '@/emails/components/messages';
import type { Locale } from '@/lib/i18n/routing';
import { templates, type TemplateName, type TemplateProps } from './templates';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The subject comes from the email message files only: nothing a person typed reaches a mail
 * header (MAIL-01). Props go into the body, where React escapes them.
 */
export async function renderEmail<T extends TemplateName>(
  template: T,
  locale: Locale,
  props: TemplateProps[T],
): Promise<RenderedEmail> {
  const entry = templates[template];
  // TypeScript cannot narrow the registry entry by a generic key; the registry's types tie them.
  const component = entry.component as unknown as FunctionComponent<
    TemplateProps[T] & { locale: Locale }
  >;
  const html = await render(createElement(component, { ...props, locale }));
  return {
    subject: emailMessage(locale, entry.subjectKey),
    html,
    text: toPlainText(html),
  };
}

/** Throws when an address could smuggle extra headers (CR/LF or other control characters). */
export function assertSafeAddress(address: string): void {
  if (/[\u0000-\u001f\u007f]/.test(address)) {
    throw new Error('Refusing an email address that contains control characters (CR/LF)');
  }
  if (address.trim() === '' || address.length > 320) {
    throw new Error('Refusing an empty or oversized email address');
  }
}
