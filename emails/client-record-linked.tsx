import { Heading, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/routing';
import {
  AddressLine,
  EmailButton,
  EmailLayout,
  headingStyle,
  textStyle,
} from './components/email-layout';
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
    <EmailLayout locale={locale} title={t('subject')} preview={t('preview')}>
      <Heading as="h1" style={headingStyle}>
        {t('heading')}
      </Heading>
      <Text style={textStyle}>{t('intro', { clientNumber })}</Text>
      <EmailButton href={profileUrl}>{t('button')}</EmailButton>
      <Text style={textStyle}>{t('notYou')}</Text>
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
