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

export interface PasswordResetEmailProps {
  locale: Locale;
  /** Absolute link built from APP_URL by the caller, token included. */
  resetUrl: string;
  expiresInMinutes: number;
}

/** The "Mot de passe oublié?" link for an existing account (RST-01, RST-02). */
export default function PasswordResetEmail({
  locale,
  resetUrl,
  expiresInMinutes,
}: PasswordResetEmailProps) {
  const t = emailTranslator(locale, 'PasswordReset');
  return (
    <EmailLayout
      locale={locale}
      title={t('subject')}
      preview={t('preview', { minutes: expiresInMinutes })}
    >
      <Heading as="h1" style={headingStyle}>
        {t('heading')}
      </Heading>
      <Text style={textStyle}>{t('intro')}</Text>
      <EmailButton href={resetUrl}>{t('button')}</EmailButton>
      <Text style={textStyle}>{t('validity', { minutes: expiresInMinutes })}</Text>
      <AddressLine label={t('fallback')} href={resetUrl} />
      <Text style={textStyle}>{t('ignore')}</Text>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
PasswordResetEmail.PreviewProps = {
  locale: 'fr',
  resetUrl: 'http://localhost:3000/fr/reinitialiser-le-mot-de-passe?token=preview-token-not-real',
  expiresInMinutes: 15,
} satisfies PasswordResetEmailProps;
