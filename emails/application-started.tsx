import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';

export interface ApplicationStartedEmailProps {
  locale: Locale;
  reference: string;
  /** The catalogue's type key: its name is `ApplicationTypes.<typeKey>`. */
  typeKey: string;
  /** The application's page, built from APP_URL by the caller. */
  resumeUrl: string;
}

/** Sent at an application's first save: its reference and the way back to it. */
export default function ApplicationStartedEmail({
  locale,
  reference,
  typeKey,
  resumeUrl,
}: ApplicationStartedEmailProps) {
  const t = emailTranslator(locale, 'ApplicationStarted');
  const typeName = typeNameInSentence(locale, typeKey);
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference, typeName })}</Paragraph>
      <Paragraph>{t('draft')}</Paragraph>
      <EmailButton href={resumeUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={resumeUrl} />
    </EmailLayout>
  );
}

ApplicationStartedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  resumeUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ApplicationStartedEmailProps;
