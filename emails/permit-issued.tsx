import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface PermitIssuedEmailProps {
  locale: Locale;
  reference: string;
  /** The application's page, where the permit is downloaded; built from APP_URL by the caller. */
  applicationUrl: string;
}

/** "Permis délivré" / "Permit issued": sent when the City issues the permit (issue 19). */
export default function PermitIssuedEmail({
  locale,
  reference,
  applicationUrl,
}: PermitIssuedEmailProps) {
  const t = emailTranslator(locale, 'PermitIssued');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference })}</Paragraph>
      <Paragraph>{t('download')}</Paragraph>
      <Paragraph>{t('post')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

PermitIssuedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies PermitIssuedEmailProps;
