import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
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
      heading={t('heading')}
      locale={locale}
      title={t('subject')}
      preview={t('preview', { hours: expiresInHours })}
    >
      <Paragraph>{t('intro')}</Paragraph>
      <EmailButton href={activationUrl}>{t('button')}</EmailButton>
      <Paragraph>{t('validity', { hours: expiresInHours })}</Paragraph>
      <Paragraph>{t('password')}</Paragraph>
      <AddressLine label={t('fallback')} href={activationUrl} />
      <Paragraph>{t('ignore')}</Paragraph>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
ActivationEmail.PreviewProps = {
  locale: 'fr',
  activationUrl: 'http://localhost:3000/fr/activer?token=preview-token-not-real',
  expiresInHours: 48,
} satisfies ActivationEmailProps;
