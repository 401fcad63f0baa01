import { Link } from '@react-email/components';
import type { Locale } from '@/lib/i18n/routing';
import {
  AddressLine,
  EmailButton,
  EmailLayout,
  linkStyle,
  Paragraph,
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
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph>{t('sessions')}</Paragraph>
      <EmailButton href={loginUrl}>{t('login')}</EmailButton>
      <Paragraph>
        {t('notYou')}{' '}
        <Link href={forgotPasswordUrl} style={linkStyle}>
          {t('reset')}
        </Link>
      </Paragraph>
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
