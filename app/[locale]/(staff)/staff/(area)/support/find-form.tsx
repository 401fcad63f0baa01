'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { EmailField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { findResidentAction } from './actions';

/**
 * The support screen's content: the error summary at the top of <main>, the title, "Trouver un
 * compte" (its answer: the account's page, or "no account" by the field), then `children`.
 */
export function FindResidentForm({ children }: { children: ReactNode }) {
  const t = useTranslations('StaffSupportPage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(findResidentAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <h2 id="find-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
        {t('findTitle')}
      </h2>
      <form action={formAction} noValidate aria-labelledby="find-title">
        <EmailField
          name="email"
          label={t('email')}
          hint={t('emailHint')}
          autoComplete="off"
          defaultValue={state.values.email}
          error={fieldError('email')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('find')}
        </button>
      </form>
      {children}
    </>
  );
}
