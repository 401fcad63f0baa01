'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { addChargeAction, issuePermitAction } from './permit-and-charge-form-actions';

/** "Délivrer le permis": one button; done, the page says so (its notice); else why not. */
export function IssuePermitForm({
  applicationId,
  reference,
  pageTitle,
}: {
  applicationId: string;
  reference: string;
  pageTitle: string;
}) {
  const t = useTranslations('StaffPermitAndCharge');
  const { formAction, pending, formError } = useForm(issuePermitAction);
  return (
    <>
      <ErrorSummary items={[]} formError={formError} pageTitle={pageTitle} />
      <form action={formAction}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <input type="hidden" name="reference" value={reference} />
        <p className="mb-3 max-w-prose">{t('issue.hint')}</p>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('issue.submit')}
        </button>
      </form>
    </>
  );
}

/** "Ajouter des frais": the amount in dollars, what it is for, the reason; answers kept. */
export function AddChargeForm({
  applicationId,
  reference,
  pageTitle,
}: {
  applicationId: string;
  reference: string;
  pageTitle: string;
}) {
  const t = useTranslations('StaffPermitAndCharge.charge');
  const { state, formAction, pending, fieldError, items, formError } = useForm(addChargeAction);
  const values = state.values;
  const reasonError = fieldError('reason');
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={pageTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="applicationId" value={applicationId} />
        <input type="hidden" name="reference" value={reference} />
        <TextField
          key={`amount:${values.amount ?? ''}`}
          name="amount"
          label={t('amount.label')}
          hint={t('amount.hint')}
          inputMode="decimal"
          autoComplete="off"
          className="sm:max-w-[16ch]"
          defaultValue={values.amount ?? ''}
          error={fieldError('amount')}
        />
        <TextField
          key={`description:${values.description ?? ''}`}
          name="description"
          label={t('description.label')}
          hint={t('description.hint')}
          autoComplete="off"
          defaultValue={values.description ?? ''}
          error={fieldError('description')}
        />
        <FieldShell
          id="reason"
          label={t('reason.label')}
          hint={t('reason.hint')}
          error={reasonError}
        >
          <textarea
            key={`reason:${values.reason ?? ''}`}
            id="reason"
            name="reason"
            rows={3}
            autoComplete="off"
            className="input max-w-2xl"
            defaultValue={values.reason ?? ''}
            {...fieldAria('reason', t('reason.hint'), reasonError)}
          />
        </FieldShell>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
