import type { Locale } from '@/lib/i18n/routing';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator, typeNameInSentence } from './components/messages';
import { linesOf } from './components/plain-date';

export interface ApplicationApprovedEmailProps {
  locale: Locale;
  reference: string;
  typeKey: string;
  /** The examiner's conditions, printed on the permit; null when there are none. */
  conditions: string | null;
  applicationUrl: string;
}

/** Sent when an examiner approves an application: the permit comes next (issue 19). */
export default function ApplicationApprovedEmail({
  locale,
  reference,
  typeKey,
  conditions,
  applicationUrl,
}: ApplicationApprovedEmailProps) {
  const t = emailTranslator(locale, 'ApplicationApproved');
  return (
    <EmailLayout heading={t('heading')} locale={locale} title={t('subject')} preview={t('preview')}>
      <Paragraph>
        {t('intro', { reference, typeName: typeNameInSentence(locale, typeKey) })}
      </Paragraph>
      {conditions ? (
        <>
          <Paragraph>{t('conditions')}</Paragraph>
          {linesOf(conditions).map((line, i) => (
            <Paragraph key={i}>{line}</Paragraph>
          ))}
        </>
      ) : null}
      <Paragraph>{t('next')}</Paragraph>
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

ApplicationApprovedEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  typeKey: 'constructionPermit',
  conditions: 'Les garde-corps de la terrasse doivent mesurer au moins 1,07 m.',
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies ApplicationApprovedEmailProps;
