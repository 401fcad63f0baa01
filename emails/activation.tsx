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

export interface ActivationEmailProps {
  locale: Locale;
  /** Absolute link built from APP_URL by the caller, token included. */
  activationUrl: string;
  expiresInHours: number;
  /**
   * "Mot de passe oublié?": a reset activates a pending account, so the owner who forgot the
   * password chosen can still activate. Absent from mails queued before it existed.
   */
  forgotPasswordUrl?: string;
  /** Sent again because the address was registered again: the account did not change (REG-01). */
  repeated?: boolean;
}

export default function ActivationEmail({
  locale,
  activationUrl,
  expiresInHours,
  forgotPasswordUrl,
  repeated,
}: ActivationEmailProps) {
  const t = emailTranslator(locale, 'Activation');
  return (
    <EmailLayout
      heading={t('heading')}
      locale={locale}
      title={t('subject')}
      preview={t('preview', { hours: expiresInHours })}
    >
      {repeated ? <Paragraph>{t('repeated')}</Paragraph> : <Paragraph>{t('intro')}</Paragraph>}
      <EmailButton href={activationUrl}>{t('button')}</EmailButton>
      <Paragraph>{t('validity', { hours: expiresInHours })}</Paragraph>
      <Paragraph>{t('password')}</Paragraph>
      {forgotPasswordUrl ? (
        <Paragraph>
          {t('forgotPasswordIntro')}{' '}
          <Link href={forgotPasswordUrl} style={linkStyle}>
            {t('forgotPassword')}
          </Link>
        </Paragraph>
      ) : null}
      <AddressLine label={t('fallback')} href={activationUrl} />
      {forgotPasswordUrl ? (
        <AddressLine label={t('forgotPasswordAddress')} href={forgotPasswordUrl} />
      ) : null}
      <Paragraph>{t('ignore')}</Paragraph>
    </EmailLayout>
  );
}

// Preview data for `npm run email:dev`; real props always come from the caller.
ActivationEmail.PreviewProps = {
  locale: 'fr',
  activationUrl: 'http://localhost:3000/fr/activer?token=preview-token-not-real',
  expiresInHours: 48,
  forgotPasswordUrl: 'http://localhost:3000/fr/mot-de-passe-oublie',
  repeated: false,
} satisfies ActivationEmailProps;
