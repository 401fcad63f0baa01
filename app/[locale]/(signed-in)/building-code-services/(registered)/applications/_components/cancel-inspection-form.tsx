'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError } from '@/app/_components/form/field-error';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import type { FormState } from '@/lib/forms/form-state';
import { cancelInspectionAction } from '../[reference]/inspections/actions';

/**
 * "Annuler l’inspection": a plain POST (no JavaScript needed). Its refusal, should the deadline
 * pass while the page was open, shows above the button; success goes back to the page with a
 * notice.
 */
export function CancelInspectionForm({
  reference,
  inspectionId,
  describedBy,
}: {
  reference: string;
  inspectionId: string;
  /** The id of the inspection's heading (its type): which inspection the button cancels. */
  describedBy: string;
}) {
  const t = useTranslations('Inspections.section');
  const [state, formAction, pending] = useActionState(cancelInspectionAction, {
    fieldErrors: {},
    values: {},
  } as FormState<'inspectionId'>);
  const { formError } = useFormMessages(state);
  const errorId = `cancel-${inspectionId}-error`;
  return (
    <form action={formAction} className="mt-3">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="inspectionId" value={inspectionId} />
      <div role="alert">
        <FieldError id={errorId} message={formError} />
      </div>
      <button
        type="submit"
        className="btn-secondary"
        disabled={pending}
        aria-describedby={formError ? `${describedBy} ${errorId}` : describedBy}
      >
        {t('cancel')}
      </button>
    </form>
  );
}
