import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface ClientRecordLinkedEmailProps {
  locale: Locale;
  clientNumber: string;
  /** "Mon profil" in Building Code Services, built from APP_URL by the caller. */
  profileUrl: string;
}

/** Tells the account's owner a previous client record was linked with a PIN (PIN-09). */
export default function ClientRecordLinkedEmail({
  locale,
  clientNumber,
  profileUrl,
}: ClientRecordLinkedEmailProps) {
  const t = emailTranslator(locale, 'ClientRecordLinked');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { clientNumber })}</Paragraph>
      <EmailButton href={profileUrl}>{t('button')}</EmailButton>
      <Paragraph>{t('notYou')}</Paragraph>
      <AddressLine label={t('profileAddress')} href={profileUrl} />
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
ClientRecordLinkedEmail.PreviewProps = {
  locale: 'fr',
  clientNumber: '12345678',
  profileUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/profil',
} satisfies ClientRecordLinkedEmailProps;
