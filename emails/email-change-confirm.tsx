import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface EmailChangeConfirmEmailProps {
  locale: Locale;
  /** Absolute link built from APP_URL by the caller, token included. */
  confirmUrl: string;
  expiresInHours: number;
}

/** Sent to the NEW address of an email change: the address changes only when this link is used. */
export default function EmailChangeConfirmEmail({
  locale,
  confirmUrl,
  expiresInHours,
}: EmailChangeConfirmEmailProps) {
  const t = emailTranslator(locale, 'EmailChangeConfirm');
  return (
    <EmailLayout
      heading={t('heading')}
      locale={locale}
      title={t('subject')}
      preview={t('preview', { hours: expiresInHours })}
    >
      <Paragraph>{t('intro')}</Paragraph>
      <EmailButton href={confirmUrl}>{t('button')}</EmailButton>
      <Paragraph>{t('validity', { hours: expiresInHours })}</Paragraph>
      <AddressLine label={t('fallback')} href={confirmUrl} />
      <Paragraph>{t('ignore')}</Paragraph>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
EmailChangeConfirmEmail.PreviewProps = {
  locale: 'fr',
  confirmUrl: 'http://localhost:3000/fr/confirmer-le-courriel?token=preview-token-not-real',
  expiresInHours: 48,
} satisfies EmailChangeConfirmEmailProps;
