'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { FieldDef } from '@/lib/applications/catalogue';
import { saveStepAction } from '../actions';
import { ApplicationFields } from './application-fields';

/**
 * One form step: the error summary at the top, the fields, "Enregistrer" (keeps a draft, stays)
 * and "Suivant" (checks the page, moves on). The hidden fields say which application and step;
 * the server checks them (the owner, the type, the step) before anything.
 */
export function StepForm({
  title,
  reference,
  typePrefix,
  stepKey,
  fields,
  initialValues,
  initialErrors,
  before,
}: {
  title: string;
  reference: string | null;
  typePrefix: string;
  stepKey: string;
  fields: readonly FieldDef[];
  initialValues: Record<string, string>;
  /** The stored answers' errors, when a submission sent the person back here. */
  initialErrors?: Record<string, string>;
  /** What comes between the title and the fields (the profile's details on "Demandeur"). */
  before?: ReactNode;
}) {
  const t = useTranslations('ApplicationPages.step');
  const { state, formAction, pending, fieldError, items, formError } = useForm(
    saveStepAction,
    initialValues,
  );
  const errors = state.fieldErrors as Record<string, string | undefined>;
  const shown = Object.keys(errors).length > 0 || formError ? null : initialErrors;
  const tAll = useTranslations();
  const summary =
    shown && Object.keys(shown).length > 0
      ? Object.entries(shown).map(([fieldId, key]) => ({ fieldId, message: tAll(key as never) }))
      : items;
  const errorOf = (field: string) =>
    shown?.[field] ? tAll(shown[field] as never) : fieldError(field as never);
  return (
    <>
      <ErrorSummary items={summary} formError={formError} pageTitle={title} />
      <h1 className="page-title">{title}</h1>
      {before}
      <form action={formAction} noValidate className="max-w-2xl">
        <input type="hidden" name="reference" value={reference ?? ''} />
        <input type="hidden" name="type" value={typePrefix} />
        <input type="hidden" name="step" value={stepKey} />
        <ApplicationFields
          fields={fields}
          values={state.values as Record<string, string | undefined>}
          fieldError={errorOf}
        />
        <p className="mb-4 text-neutral-700">{t('saveHint')}</p>
        <div className="flex flex-wrap gap-4">
          <button
            type="submit"
            name="intent"
            value="next"
            className="btn-primary"
            disabled={pending}
          >
            {t('next')}
          </button>
          <button
            type="submit"
            name="intent"
            value="save"
            className="btn-secondary"
            disabled={pending}
          >
            {t('save')}
          </button>
        </div>
      </form>
    </>
  );
}
