import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';
import { clockTimeInWords, plainDateInWords } from './components/plain-date';

export interface InspectionScheduledEmailProps {
  locale: Locale;
  reference: string;
  /** footings · framing · insulation · plumbing · final (`InspectionWords.types.<type>`). */
  inspectionType: string;
  /** The inspection's day ("2026-12-08") and its confirmed window, 'HH:MM' (Ottawa time). */
  day: string;
  windowStart: string;
  windowEnd: string;
  /** The on-site contact the resident named. */
  contactName: string;
  contactPhone: string;
  applicationUrl: string;
}

/** "Inspection planifiée" / "Inspection scheduled": an inspector confirmed the window (issue 20). */
export default function InspectionScheduledEmail({
  locale,
  reference,
  inspectionType,
  day,
  windowStart,
  windowEnd,
  contactName,
  contactPhone,
  applicationUrl,
}: InspectionScheduledEmailProps) {
  const t = emailTranslator(locale, 'InspectionScheduled');
  const words = emailTranslator(locale, 'InspectionWords');
  const typeName = words.has(`types.${inspectionType}` as never)
    ? words(`types.${inspectionType}` as never)
    : inspectionType;
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>{t('intro', { reference, typeName })}</Paragraph>
      <Paragraph>
        {t('when', {
          day: plainDateInWords(locale, day),
          start: clockTimeInWords(locale, windowStart),
          end: clockTimeInWords(locale, windowEnd),
        })}
      </Paragraph>
      <Paragraph>{t('contact', { name: contactName, phone: contactPhone })}</Paragraph>
      <Paragraph>{t('ready')}</Paragraph>
      <Paragraph>{t('cancel')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

InspectionScheduledEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  inspectionType: 'framing',
  day: '2026-12-08',
  windowStart: '08:30',
  windowEnd: '10:00',
  contactName: 'Marie Tremblay',
  contactPhone: '613-580-2424',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies InspectionScheduledEmailProps;
