import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';

export interface DraftReminderEmailProps {
  locale: Locale;
  reference: string;
  /** When the draft will be deleted (ISO 8601). */
  deletesOn: string;
  /** The draft's page, built from APP_URL by the caller. */
  resumeUrl: string;
}

/** Sent 7 days, then 1 day, before an untouched draft is deleted. */
export default function DraftReminderEmail({
  locale,
  reference,
  deletesOn,
  resumeUrl,
}: DraftReminderEmailProps) {
  const t = emailTranslator(locale, 'DraftReminder');
  const date = new Date(deletesOn);
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference, date })}</Paragraph>
      <Paragraph>{t('keep')}</Paragraph>
      <EmailButton href={resumeUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={resumeUrl} />
    </EmailLayout>
  );
}

DraftReminderEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  deletesOn: '2027-01-31T12:00:00.000Z',
  resumeUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies DraftReminderEmailProps;
