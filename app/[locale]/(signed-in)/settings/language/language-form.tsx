'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { RadioGroupField } from '@/app/_components/form/choice-fields';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { Locale } from '@/lib/i18n/routing';
import { setLanguageAction } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';

const LANGUAGES = ['fr', 'en'] as const satisfies readonly Locale[];

export function LanguageForm({ current }: { current: Locale }) {
  const t = useTranslations('SettingsLanguagePage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(setLanguageAction, {
    language: current,
  });
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <RadioGroupField
          name="language"
          legend={t('legend')}
          value={state.values.language}
          error={fieldError('language')}
          options={LANGUAGES.map((language) => ({
            value: language,
            label: t(`options.${language}`),
            lang: language,
          }))}
        />
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
