import { formatCad } from '@/lib/applications/money';
import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface PaymentReceiptEmailProps {
  locale: Locale;
  reference: string;
  /** The invoice's lines: a fee line's key (`FeeLines.<key>`) and its amount in cents. */
  lines: {
    labelKey: string;
    /** The line's values (a staff charge's description). */
    labelParams?: Record<string, string | number> | null;
    amountCents: number;
  }[];
  totalCents: number;
  /** When the payment was recorded (ISO 8601). */
  paidAt: string;
  /** The provider's reference of the payment, for the resident's bank statement questions. */
  providerReference: string;
  /** The receipt's page, built from APP_URL by the caller. */
  receiptUrl: string;
}

/** "Reçu" / "Receipt": sent once when a payment settles an invoice (issue 18). */
export default function PaymentReceiptEmail({
  locale,
  reference,
  lines,
  totalCents,
  paidAt,
  providerReference,
  receiptUrl,
}: PaymentReceiptEmailProps) {
  const t = emailTranslator(locale, 'PaymentReceipt');
  const labels = emailTranslator(locale, 'FeeLines');
  const date = new Intl.DateTimeFormat(`${locale}-CA`, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'America/Toronto',
  }).format(new Date(paidAt));
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference })}</Paragraph>
      {lines.map((line, i) => (
        <Paragraph key={i}>
          {t('line', {
            label: labels.has(line.labelKey as never)
              ? labels(line.labelKey as never, (line.labelParams ?? undefined) as never)
              : line.labelKey,
            amount: formatCad(line.amountCents, locale),
          })}
        </Paragraph>
      ))}
      <Paragraph>{t('total', { amount: formatCad(totalCents, locale) })}</Paragraph>
      <Paragraph>{t('date', { date })}</Paragraph>
      <Paragraph>{t('providerReference', { providerReference })}</Paragraph>
      <EmailButton href={receiptUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={receiptUrl} />
    </EmailLayout>
  );
}

PaymentReceiptEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  lines: [{ labelKey: 'constructionPermit.byValue', amountCents: 268750 }],
  totalCents: 268750,
  paidAt: '2026-12-03T15:00:00.000Z',
  providerReference: 'test_pay_0f1e2d3c',
  receiptUrl:
    'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001/recu/00000000-0000-0000-0000-000000000000',
} satisfies PaymentReceiptEmailProps;
