import { formatCad } from '@/lib/applications/money';
import type { Locale } from '@/lib/i18n/routing';
import { ActionRequiredLine } from './components/action-required';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface ChargeDueEmailProps {
  locale: Locale;
  reference: string;
  /** The charge's total, in cents. */
  amountCents: number;
  /** What each line is for, as City staff wrote it. */
  descriptions: string[];
  /** The application's page, where "Payer" is; built from APP_URL by the caller. */
  applicationUrl: string;
}

/** "Frais à payer" / "A charge is due": sent when City staff add a charge (issue 19). */
export default function ChargeDueEmail({
  locale,
  reference,
  amountCents,
  descriptions,
  applicationUrl,
}: ChargeDueEmailProps) {
  const t = emailTranslator(locale, 'ChargeDue');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference, amount: formatCad(amountCents, locale) })}</Paragraph>
      {descriptions.map((description, i) => (
        <Paragraph key={i}>{t('line', { description })}</Paragraph>
      ))}
      <ActionRequiredLine locale={locale} action={{ kind: 'pay' }} />
      <Paragraph>{t('next')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

ChargeDueEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  amountCents: 150000,
  descriptions: ['Redevances d’aménagement'],
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ChargeDueEmailProps;
