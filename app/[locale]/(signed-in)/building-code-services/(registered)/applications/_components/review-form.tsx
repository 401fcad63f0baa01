'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { CheckboxField } from '@/app/_components/form/choice-fields';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useForm } from '@/app/_components/form/use-form-messages';
import { submitApplicationAction } from '../actions';

/**
 * "Vérification et déclaration": the error summary at the top, the title, the answers and fee
 * (rendered on the server, as children), then the declaration and "Soumettre" / "Soumettre et
 * payer".
 */
export function ReviewForm({
  title,
  reference,
  feeDue,
  children,
}: {
  title: string;
  reference: string;
  feeDue: boolean;
  children: ReactNode;
}) {
  const t = useTranslations('ApplicationPages.review');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(submitApplicationAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={title} />
      <h1 className="page-title">{title}</h1>
      {children}
      <form action={formAction} noValidate>
        <input type="hidden" name="reference" value={reference} />
        <h2 className="mb-3 text-2xl font-bold text-ottawa-navy">{t('declarationTitle')}</h2>
        <CheckboxField
          name="declaration"
          label={t('declaration')}
          checked={state.values.declaration === 'on'}
          error={fieldError('declaration')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {feeDue ? t('submitAndPay') : t('submit')}
        </button>
      </form>
    </>
  );
}
