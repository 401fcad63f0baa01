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

export interface AccountExistsEmailProps {
  locale: Locale;
  /** Absolute links built from APP_URL by the caller. */
  loginUrl: string;
  forgotPasswordUrl: string;
}

/** Sent instead of an activation link when the address already has an account (no enumeration). */
export default function AccountExistsEmail({
  locale,
  loginUrl,
  forgotPasswordUrl,
}: AccountExistsEmailProps) {
  const t = emailTranslator(locale, 'AccountExists');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro')}</Paragraph>
      <EmailButton href={loginUrl}>{t('login')}</EmailButton>
      <Paragraph>
        {t('forgotPasswordIntro')}{' '}
        <Link href={forgotPasswordUrl} style={linkStyle}>
          {t('forgotPassword')}
        </Link>
      </Paragraph>
      <Paragraph>{t('notYou')}</Paragraph>
      <AddressLine label={t('loginAddress')} href={loginUrl} />
      <AddressLine label={t('forgotPasswordAddress')} href={forgotPasswordUrl} />
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
AccountExistsEmail.PreviewProps = {
  locale: 'fr',
  loginUrl: 'http://localhost:3000/fr/connexion',
  forgotPasswordUrl: 'http://localhost:3000/fr/mot-de-passe-oublie',
} satisfies AccountExistsEmailProps;
