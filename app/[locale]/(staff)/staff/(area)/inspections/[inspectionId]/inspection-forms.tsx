'use client';

import { useTranslations } from 'next-intl';
import { RadioGroupField } from '@/app/_components/form/choice-fields';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { INSPECTION_RESULTS } from '@/lib/inspections/types';
import { recordInspectionAction, scheduleInspectionAction } from './actions';

/**
 * The inspection page's two forms (issue 20). Each shows its own error summary (one form is sent
 * at a time), keeps its answers after an error, and works without JavaScript.
 */
export function ScheduleInspectionForm({
  inspectionId,
  hint,
  current,
  pageTitle,
}: {
  inspectionId: string;
  /** The half-day and its bounds, in words. */
  hint: string;
  /** The window already confirmed, to change it. */
  current: { windowStart: string | null; windowEnd: string | null };
  pageTitle: string;
}) {
  const t = useTranslations('StaffInspections.schedule');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(scheduleInspectionAction);
  const values = state.values;
  return (
    <form action={formAction} noValidate aria-labelledby="schedule-title" className="mb-8">
      <ErrorSummary items={items} formError={formError} pageTitle={pageTitle} />
      <h3 id="schedule-title" className="mb-2 text-xl font-bold">
        {t('title')}
      </h3>
      <p className="mb-3 max-w-prose">{hint}</p>
      <input type="hidden" name="inspectionId" value={inspectionId} />
      <div className="flex flex-wrap gap-x-6">
        <TextField
          key={`windowStart:${values.windowStart ?? ''}`}
          name="windowStart"
          type="time"
          label={t('windowStart')}
          hint={t('timeHint')}
          autoComplete="off"
          width="pin"
          defaultValue={values.windowStart ?? current.windowStart ?? ''}
          error={fieldError('windowStart')}
        />
        <TextField
          key={`windowEnd:${values.windowEnd ?? ''}`}
          name="windowEnd"
          type="time"
          label={t('windowEnd')}
          hint={t('endHint')}
          autoComplete="off"
          width="pin"
          defaultValue={values.windowEnd ?? current.windowEnd ?? ''}
          error={fieldError('windowEnd')}
        />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}

function TextArea({
  id,
  label,
  hint,
  error,
  defaultValue,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  defaultValue?: string;
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        key={`${id}:${defaultValue ?? ''}`}
        id={id}
        name={id}
        rows={4}
        autoComplete="off"
        className="input max-w-2xl"
        defaultValue={defaultValue ?? ''}
        {...fieldAria(id, hint, error)}
      />
    </FieldShell>
  );
}

export function RecordInspectionForm({
  inspectionId,
  pageTitle,
}: {
  inspectionId: string;
  pageTitle: string;
}) {
  const t = useTranslations('StaffInspections.record');
  const results = useTranslations('Inspections.results');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(recordInspectionAction);
  const values = state.values;
  return (
    <form action={formAction} noValidate aria-labelledby="record-title" className="mb-8">
      <ErrorSummary items={items} formError={formError} pageTitle={pageTitle} />
      <h3 id="record-title" className="mb-2 text-xl font-bold">
        {t('title')}
      </h3>
      <p className="mb-3 max-w-prose">{t('hint')}</p>
      <input type="hidden" name="inspectionId" value={inspectionId} />
      <RadioGroupField
        key={`result:${values.result ?? ''}`}
        name="result"
        legend={t('result')}
        options={INSPECTION_RESULTS.map((r) => ({ value: r, label: results(r) }))}
        value={values.result}
        error={fieldError('result')}
      />
      <TextArea
        id="toFix"
        label={t('toFix')}
        hint={t('toFixHint')}
        error={fieldError('toFix')}
        defaultValue={values.toFix}
      />
      <TextArea
        id="notes"
        label={t('notes')}
        hint={t('notesHint')}
        error={fieldError('notes')}
        defaultValue={values.notes}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
