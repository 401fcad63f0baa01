import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';
import { linesOf } from './components/plain-date';

export interface ApplicationRefusedEmailProps {
  locale: Locale;
  reference: string;
  typeKey: string;
  /** The examiner's reasons, as written. */
  reasons: string;
  applicationUrl: string;
}

/** Sent when an examiner refuses an application, with the reasons (issue 19). */
export default function ApplicationRefusedEmail({
  locale,
  reference,
  typeKey,
  reasons,
  applicationUrl,
}: ApplicationRefusedEmailProps) {
  const t = emailTranslator(locale, 'ApplicationRefused');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>
        {t('intro', { reference, typeName: typeNameInSentence(locale, typeKey) })}
      </Paragraph>
      <Paragraph>{t('reasons')}</Paragraph>
      {linesOf(reasons).map((line, i) => (
        <Paragraph key={i}>{line}</Paragraph>
      ))}
      <Paragraph>{t('help')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

ApplicationRefusedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  reasons: 'La marge de recul arrière est inférieure au minimum du règlement de zonage.',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ApplicationRefusedEmailProps;
