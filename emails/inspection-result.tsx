import type { Locale } from '@/lib/i18n/routing';
import { ActionRequiredLine } from './components/action-required';
import { AddressLine, EmailButton, EmailLayout, Paragraph } from './components/email-layout';
import { emailTranslator } from './components/messages';
import { linesOf, plainDateInWords } from './components/plain-date';

export interface InspectionResultEmailProps {
  locale: Locale;
  reference: string;
  /** footings · framing · insulation · plumbing · final (`InspectionWords.types.<type>`). */
  inspectionType: string;
  /** The inspection's day ("2026-12-08"). */
  day: string;
  /** passed (Conforme) · failed (Non conforme) · partial (Partielle). */
  result: string;
  /** What to fix, as the inspector wrote it; required unless it passed. */
  toFix: string | null;
  /** A passed final inspection: the permit is closed in the same step. */
  permitClosed: boolean;
  applicationUrl: string;
}

/**
 * The result of an inspection (issue 20): Conforme, Non conforme or Partielle, what to fix, and
 * after a failed or partial one "Action requise": request the inspection again once fixed. A
 * passed final inspection closes the permit: the same email says so, sent as 'permit-closed' (its
 * subject "Votre permis est fermé", its heading "Permis fermé").
 */
export default function InspectionResultEmail({
  locale,
  reference,
  inspectionType,
  day,
  result,
  toFix,
  permitClosed,
  applicationUrl,
}: InspectionResultEmailProps) {
  const t = emailTranslator(locale, 'InspectionResult');
  const words = emailTranslator(locale, 'InspectionWords');
  const typeName = words.has(`types.${inspectionType}` as never)
    ? words(`types.${inspectionType}` as never)
    : inspectionType;
  const redo = result === 'failed' || result === 'partial';
  return (
    <EmailLayout
      heading={permitClosed ? t('closedHeading') : t('heading')}
      locale={locale}
      title={permitClosed ? t('closedSubject') : t('subject')}
      preview={permitClosed ? t('closedPreview') : t('preview')}
    >
      <Paragraph>
        {t('intro', { reference, typeName, day: plainDateInWords(locale, day) })}
      </Paragraph>
      <Paragraph>
        <strong>{t('result', { result })}</strong>
      </Paragraph>
      {toFix ? (
        <>
          <Paragraph>{t('toFix')}</Paragraph>
          {linesOf(toFix).map((line, i) => (
            <Paragraph key={i}>{line}</Paragraph>
          ))}
        </>
      ) : null}
      {redo ? <ActionRequiredLine locale={locale} action={{ kind: 'book_inspection' }} /> : null}
      {permitClosed ? <Paragraph>{t('closed')}</Paragraph> : null}
      {!redo && !permitClosed ? <Paragraph>{t('next')}</Paragraph> : null}
      <EmailButton href={applicationUrl}>{t('button')}</EmailButton>
      <AddressLine label={t('address')} href={applicationUrl} />
    </EmailLayout>
  );
}

InspectionResultEmail.PreviewProps = {
  locale: 'fr',
  reference: 'CON-2026-000001',
  inspectionType: 'framing',
  day: '2026-12-08',
  result: 'failed',
  toFix: 'Ajouter les ancrages de la lisse basse du mur arrière.',
  permitClosed: false,
  applicationUrl: 'http://localhost:3000/fr/services-du-code-du-batiment/demandes/CON-2026-000001',
} satisfies InspectionResultEmailProps;
