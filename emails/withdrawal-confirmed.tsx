import { formatCad } from '@/lib/applications/money';
import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';

export interface WithdrawalConfirmedEmailProps {
  locale: Locale;
  reference: string;
  typeKey: string;
  /** What was refunded when the withdrawal was asked for, in cents; null when nothing was. */
  refundCents: number | null;
  applicationUrl: string;
}

/** Sent when staff confirm a resident's withdrawal (issue 19). */
export default function WithdrawalConfirmedEmail({
  locale,
  reference,
  typeKey,
  refundCents,
  applicationUrl,
}: WithdrawalConfirmedEmailProps) {
  const t = emailTranslator(locale, 'WithdrawalConfirmed');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>
        {t('intro', { reference, typeName: typeNameInSentence(locale, typeKey) })}
      </Paragraph>
      <Paragraph>
        {refundCents ? t('refunded', { amount: formatCad(refundCents, locale) }) : t('noRefund')}
      </Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

WithdrawalConfirmedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  refundCents: 268750,
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies WithdrawalConfirmedEmailProps;
