import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';
import { plainDateInWords } from './components/plain-date';

export interface ApplicationAcceptedEmailProps {
  locale: Locale;
  reference: string;
  typeKey: string;
  /** The City's clock: the decision is expected by this day ("2026-12-11"). */
  decisionDueOn: string;
  applicationUrl: string;
}

/** Sent when intake accepts an application as complete: the clock starts (issue 19). */
export default function ApplicationAcceptedEmail({
  locale,
  reference,
  typeKey,
  decisionDueOn,
  applicationUrl,
}: ApplicationAcceptedEmailProps) {
  const t = emailTranslator(locale, 'ApplicationAccepted');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>
        {t('intro', { reference, typeName: typeNameInSentence(locale, typeKey) })}
      </Paragraph>
      <Paragraph>{t('expected', { date: plainDateInWords(locale, decisionDueOn) })}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

ApplicationAcceptedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  decisionDueOn: '2026-12-11',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ApplicationAcceptedEmailProps;
