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

export interface ActivationEmailProps {
  locale: Locale;
  /** Absolute link built from APP_URL by the caller, token included. */
  activationUrl: string;
  expiresInHours: number;
}

export default function ActivationEmail({
  locale,
  activationUrl,
  expiresInHours,
}: ActivationEmailProps) {
  const t = emailTranslator(locale, 'Activation');
  return (
    <EmailLayout
      locale={locale}
      title={t('subject')}
      preview={t('preview', { hours: expiresInHours })}
    >
      <Heading as="h1" style={headingStyle}>
        {t('heading')}
      </Heading>
      <Text style={textStyle}>{t('intro')}</Text>
      <EmailButton href={activationUrl}>{t('button')}</EmailButton>
      <Text style={textStyle}>{t('validity', { hours: expiresInHours })}</Text>
      <Text style={textStyle}>{t('password')}</Text>
      <AddressLine label={t('fallback')} href={activationUrl} />
      <Text style={textStyle}>{t('ignore')}</Text>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
ActivationEmail.PreviewProps = {
  locale: 'fr',
  activationUrl: 'http://localhost:3000/fr/activer?token=preview-token-not-real',
  expiresInHours: 48,
} satisfies ActivationEmailProps;
