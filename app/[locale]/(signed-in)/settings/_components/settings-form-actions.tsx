'use client';

import { useTranslations } from 'next-intl';
import { LocalLink } from '@/app/_components/local-link';

/** The end of every "Mes paramètres" form: its submit button and "Retour à Mes paramètres". */
export function SettingsFormActions({ submit, pending }: { submit: string; pending: boolean }) {
  const t = useTranslations('SettingsPage');
  return (
    <div className="mt-6 flex flex-wrap items-center gap-4">
      <button type="submit" className="btn-primary" disabled={pending}>
        {submit}
      </button>
      <LocalLink href="/settings" className="btn-secondary">
        {t('back')}
      </LocalLink>
    </div>
  );
}
