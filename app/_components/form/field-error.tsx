import { useTranslations } from 'next-intl';

/** The inline message beside a field, with a visually hidden "Erreur :" prefix. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  const t = useTranslations('ErrorSummary');
  if (!message) return null;
  return (
    <p id={id} className="mb-1 font-semibold text-error">
      <span className="sr-only">{t('inlinePrefix')} </span>
      {message}
    </p>
  );
}
