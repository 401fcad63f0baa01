import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
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
      heading={t('heading')}
      locale={locale}
      title={t('subject')}
      preview={t('preview', { minutes: expiresInMinutes })}
    >
      <Paragraph>{t('intro')}</Paragraph>
      <EmailButton href={resetUrl}>{t('button')}</EmailButton>
      <Paragraph>{t('validity', { minutes: expiresInMinutes })}</Paragraph>
      <AddressLine label={t('fallback')} href={resetUrl} />
      <Paragraph>{t('ignore')}</Paragraph>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
PasswordResetEmail.PreviewProps = {
  locale: 'fr',
  resetUrl: 'http://localhost:3000/fr/reinitialiser-le-mot-de-passe?token=preview-token-not-real',
  expiresInMinutes: 15,
} satisfies PasswordResetEmailProps;
