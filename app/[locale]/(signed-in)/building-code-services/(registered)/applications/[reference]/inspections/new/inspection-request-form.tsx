'use client';

import { useTranslations } from 'next-intl';
import { RadioGroupField } from '@/app/_components/form/choice-fields';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { InspectionRequestField } from '@/lib/inspections/request-inspection';
import { INSPECTION_PERIODS, INSPECTION_TYPES } from '@/lib/inspections/types';
import { requestInspectionAction } from '../actions';

/**
 * "Demander une inspection": the type, the preferred day (a date input bounded by the booking
 * window, its rules in the hint), morning or afternoon, the on-site contact's name and phone
 * (the resident's own, from the contact details, until changed). Checked on the server only.
 */
export function InspectionRequestForm({
  reference,
  earliest,
  latest,
  dayHint,
  initialValues,
  backHref,
}: {
  reference: string;
  /** The booking window, "YYYY-MM-DD": the date input's min and max. */
  earliest: string;
  latest: string;
  /** The preferred day's hint, with the window's days written out (formatted on the server). */
  dayHint: string;
  initialValues: Partial<Record<InspectionRequestField, string>>;
  backHref: string;
}) {
  const t = useTranslations('Inspections');
  const { state, formAction, pending, fieldError, items, formError } = useForm(
    requestInspectionAction,
    initialValues,
  );
  const values = state.values;
  const dayError = fieldError('preferredOn');
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('request.title')} />
      <h1 className="page-title">{t('request.title')}</h1>
      <p className="mb-6 max-w-prose">{t('request.intro', { reference })}</p>
      <form action={formAction} noValidate className="max-w-2xl">
        <input type="hidden" name="reference" value={reference} />
        <RadioGroupField
          name="type"
          legend={t('request.type.legend')}
          options={INSPECTION_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
          value={values.type}
          error={fieldError('type')}
        />
        <TextField
          key={`day-${values.preferredOn ?? ''}`}
          name="preferredOn"
          type="date"
          label={t('request.preferredOn.label')}
          hint={dayHint}
          error={dayError}
          min={earliest}
          max={latest}
          autoComplete="off"
          defaultValue={values.preferredOn ?? ''}
        />
        <RadioGroupField
          name="period"
          legend={t('request.period.legend')}
          options={INSPECTION_PERIODS.map((period) => ({
            value: period,
            label: t(`periods.${period}`),
          }))}
          value={values.period}
          error={fieldError('period')}
        />
        <TextField
          key={`name-${values.contactName ?? ''}`}
          name="contactName"
          label={t('request.contactName.label')}
          hint={t('request.contactName.hint')}
          error={fieldError('contactName')}
          autoComplete="name"
          defaultValue={values.contactName ?? ''}
        />
        <TextField
          key={`phone-${values.contactPhone ?? ''}`}
          name="contactPhone"
          type="tel"
          label={t('request.contactPhone.label')}
          hint={t('request.contactPhone.hint')}
          error={fieldError('contactPhone')}
          autoComplete="tel"
          defaultValue={values.contactPhone ?? ''}
        />
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('request.submit')}
          </button>
          <a href={backHref}>{t('request.back')}</a>
        </div>
      </form>
    </>
  );
}
