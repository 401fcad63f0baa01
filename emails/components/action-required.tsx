import { Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/routing';
import { emailTranslator } from './messages';
import { plainDateInWords } from './plain-date';
import { textStyle } from './email-layout';

/**
 * What the resident must do, in the words of "Action requise" on the portal's pages
 * (lib/applications/action-required.ts): answer the City's request (by its due day), pay a
 * charge, or request a new inspection after a failed or partial one. One line, set apart, so
 * that the reader finds it at a glance; its words are `ActionRequired.<kind>` in
 * emails/messages.
 */
export type EmailAction =
  { kind: 'answer_request'; dueOn: string } | { kind: 'pay' } | { kind: 'book_inspection' };

export function ActionRequiredLine({ locale, action }: { locale: Locale; action: EmailAction }) {
  const t = emailTranslator(locale, 'ActionRequired');
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <Section
      style={{
        borderLeft: '6px solid #004b87',
        backgroundColor: '#f2f2f2',
        margin: '16px 0',
        padding: '0 16px',
      }}
    >
      <Text style={textStyle}>
        {action.kind === 'answer_request'
          ? t.rich('answer_request', {
              strong,
              date: plainDateInWords(locale, action.dueOn),
            })
          : t.rich(action.kind, { strong })}
      </Text>
    </Section>
  );
}
