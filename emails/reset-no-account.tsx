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

export interface ResetNoAccountEmailProps {
  locale: Locale;
  /** Absolute links built from APP_URL by the caller. */
  createAccountUrl: string;
  forgotPasswordUrl: string;
}

/**
 * Sent when someone asks for a password reset for an address no account uses (RST-01): the page
 * answered as if an account existed, so the mailbox's owner learns what happened here.
 */
export default function ResetNoAccountEmail({
  locale,
  createAccountUrl,
  forgotPasswordUrl,
}: ResetNoAccountEmailProps) {
  const t = emailTranslator(locale, 'ResetNoAccount');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph>
        {t('otherAddress')}{' '}
        <Link href={forgotPasswordUrl} style={linkStyle}>
          {t('tryAgain')}
        </Link>
      </Paragraph>
      <Paragraph>{t('createIntro')}</Paragraph>
      <EmailButton href={createAccountUrl}>{t('create')}</EmailButton>
      <Paragraph>{t('notYou')}</Paragraph>
      <AddressLine label={t('createAddress')} href={createAccountUrl} />
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
ResetNoAccountEmail.PreviewProps = {
  locale: 'fr',
  createAccountUrl: 'http://localhost:3000/fr/creer-un-compte',
  forgotPasswordUrl: 'http://localhost:3000/fr/mot-de-passe-oublie',
} satisfies ResetNoAccountEmailProps;
