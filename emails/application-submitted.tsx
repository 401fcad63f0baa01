import { formatCad } from '@/lib/applications/money';
import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';

export interface ApplicationSubmittedEmailProps {
  locale: Locale;
  reference: string;
  /** The catalogue's type key: its name is `ApplicationTypes.<typeKey>`. */
  typeKey: string;
  /** Where the submit left it: waiting for its fee, or with the City. */
  status: 'payment_required' | 'submitted';
  /** The fee computed at submission, in cents. */
  feeCents: number;
  /** The application's page, built from APP_URL by the caller. */
  applicationUrl: string;
}

/** Sent when a resident submits an application: what the City received and what comes next. */
export default function ApplicationSubmittedEmail({
  locale,
  reference,
  typeKey,
  status,
  feeCents,
  applicationUrl,
}: ApplicationSubmittedEmailProps) {
  const t = emailTranslator(locale, 'ApplicationSubmitted');
  const typeName = typeNameInSentence(locale, typeKey);
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference, typeName })}</Paragraph>
      {status === 'payment_required' ? (
        <Paragraph>{t('paymentRequired', { amount: formatCad(feeCents, locale) })}</Paragraph>
      ) : (
        <Paragraph>{t('next')}</Paragraph>
      )}
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

ApplicationSubmittedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  status: 'payment_required',
  feeCents: 268750,
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ApplicationSubmittedEmailProps;
