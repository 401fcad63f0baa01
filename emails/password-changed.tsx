import { Heading, Link, Text } from '@react-email/components';
import type { Locale } from '@/lib/i18n/routing';
import {
  AddressLine,
  EmailButton,
  EmailLayout,
  headingStyle,
  linkStyle,
  textStyle,
} from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface PasswordChangedEmailProps {
  locale: Locale;
  /** Absolute links built from APP_URL by the caller. */
  loginUrl: string;
  forgotPasswordUrl: string;
}

/** Tells the owner their password changed, by a reset or in "Mes paramètres" (RST-04). */
export default function PasswordChangedEmail({
  locale,
  loginUrl,
  forgotPasswordUrl,
}: PasswordChangedEmailProps) {
  const t = emailTranslator(locale, 'PasswordChanged');
  return (
    <EmailLayout locale={locale} title={t('subject')} preview={t('preview')}>
      <Heading as="h1" style={headingStyle}>
        {t('heading')}
      </Heading>
      <Text style={textStyle}>{t('intro')}</Text>
      <Text style={textStyle}>{t('sessions')}</Text>
      <EmailButton href={loginUrl}>{t('login')}</EmailButton>
      <Text style={textStyle}>
        {t('notYou')}{' '}
        <Link href={forgotPasswordUrl} style={linkStyle}>
          {t('reset')}
        </Link>
      </Text>
      <AddressLine label={t('loginAddress')} href={loginUrl} />
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
PasswordChangedEmail.PreviewProps = {
  locale: 'fr',
  loginUrl: 'http://localhost:3000/fr/connexion',
  forgotPasswordUrl: 'http://localhost:3000/fr/mot-de-passe-oublie',
} satisfies PasswordChangedEmailProps;
