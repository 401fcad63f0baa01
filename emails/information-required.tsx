import type { Locale } from '@/lib/i18n/routing';
import { ActionRequiredLine } from './components/action-required';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';
import { linesOf } from './components/plain-date';

export interface InformationRequiredEmailProps {
  locale: Locale;
  reference: string;
  /** What the City needs: each a kind (`InformationRequired.kinds.<kind>`) and staff's message. */
  items: { kind: 'missing_document' | 'correction' | 'other'; message: string }[];
  message: string;
  /** The day the answer is due ("2026-12-18"). */
  dueOn: string;
  applicationUrl: string;
}

/** "Renseignements requis": the City's request, item by item, with its due date (issue 19). */
export default function InformationRequiredEmail({
  locale,
  reference,
  items,
  message,
  dueOn,
  applicationUrl,
}: InformationRequiredEmailProps) {
  const t = emailTranslator(locale, 'InformationRequired');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference })}</Paragraph>
      {items.map((item, i) => (
        <Paragraph key={i}>
          <strong>{t(`kinds.${item.kind}`)}</strong>
          {linesOf(item.message).map((line, j) => (
            <span key={j}>
              <br />
              {line}
            </span>
          ))}
        </Paragraph>
      ))}
      {linesOf(message).map((line, i) => (
        <Paragraph key={`m${i}`}>{line}</Paragraph>
      ))}
      <ActionRequiredLine locale={locale} action={{ kind: 'answer_request', dueOn }} />
      <Paragraph>{t('clock')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

InformationRequiredEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  items: [
    { kind: 'missing_document', message: 'Le plan d’implantation signé.' },
    { kind: 'correction', message: 'La valeur des travaux ne correspond pas au devis.' },
  ],
  message: 'Merci de nous transmettre ces éléments.',
  dueOn: '2026-12-18',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies InformationRequiredEmailProps;
