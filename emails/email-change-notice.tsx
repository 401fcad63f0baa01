import { Link } from '@react-email/components';
import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailLayout, linkStyle, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface EmailChangeNoticeEmailProps {
  locale: Locale;
  /** The requested new address, masked by the caller (`j•••@example.ca`). */
  newEmailMasked: string;
  expiresInHours: number;
  /** Absolute link built from APP_URL by the caller. */
  forgotPasswordUrl: string;
}

/**
 * Sent to the CURRENT address when a change of sign-in address is requested: if it was not the
 * owner, someone knows the password.
 */
export default function EmailChangeNoticeEmail({
  locale,
  newEmailMasked,
  expiresInHours,
  forgotPasswordUrl,
}: EmailChangeNoticeEmailProps) {
  const t = emailTranslator(locale, 'EmailChangeNotice');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { newEmail: newEmailMasked })}</Paragraph>
      <Paragraph>{t('pending', { hours: expiresInHours })}</Paragraph>
      <Paragraph>
        {t('notYou')}{' '}
        <Link href={forgotPasswordUrl} style={linkStyle}>
          {t('reset')}
        </Link>
      </Paragraph>
      <AddressLine label={t('resetAddress')} href={forgotPasswordUrl} />
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
EmailChangeNoticeEmail.PreviewProps = {
  locale: 'fr',
  newEmailMasked: 'j•••@example.ca',
  expiresInHours: 48,
  forgotPasswordUrl: 'http://localhost:3000/fr/mot-de-passe-oublie',
} satisfies EmailChangeNoticeEmailProps;
