'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldError } from '@/app/_components/form/field-error';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { Locale } from '@/lib/i18n/routing';
import { setLanguageAction } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';

const LANGUAGES = ['fr', 'en'] as const satisfies readonly Locale[];

export function LanguageForm({ current }: { current: Locale }) {
  const t = useTranslations('SettingsLanguagePage');
  const { formAction, pending, fieldError, items, formError } = useForm(setLanguageAction);
  const error = fieldError('language');
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <fieldset className="mb-6" aria-describedby={error ? 'language-error' : undefined}>
          <legend className="mb-2 text-lg font-semibold">{t('legend')}</legend>
          <FieldError id="language-error" message={error} />
          {LANGUAGES.map((language, index) => (
            <div key={language} className="mb-2 flex items-center gap-3">
              <input
                id={index === 0 ? 'language' : `language-${language}`}
                type="radio"
                name="language"
                value={language}
                defaultChecked={current === language}
                className="h-6 w-6"
              />
              <label htmlFor={index === 0 ? 'language' : `language-${language}`} lang={language}>
                {t(`options.${language}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
