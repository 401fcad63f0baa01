'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { SelectField } from '@/app/_components/form/select-field';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { FormState } from '@/lib/forms/form-state';
import { ITEM_KINDS, ITEM_ROWS } from '@/lib/staff/application-actions/schemas';
import {
  acceptAction,
  addNoteAction,
  approveAction,
  assignAction,
  confirmWithdrawalAction,
  refuseAction,
  requestInformationAction,
  startCheckAction,
} from './actions';

type Action<F extends string> = (previous: FormState<F>, form: FormData) => Promise<FormState<F>>;

/**
 * The forms of the staff application page (issue 19). Several forms share the page, so each
 * field's id carries its form's name; each form shows its own error summary (one form is sent at
 * a time) and keeps its answers after an error.
 */
function useActionForm<F extends string>(name: string, action: Action<F>) {
  const form = useForm(action);
  const id = (field: F) => `${name}-${field}`;
  const items = form.items.map((item) => ({ ...item, fieldId: id(item.fieldId as F) }));
  return { ...form, id, items };
}

function TextArea({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 4,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  rows?: number;
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        autoComplete="off"
        className="input max-w-2xl"
        defaultValue={defaultValue ?? ''}
        {...fieldAria(id, hint, error)}
      />
    </FieldShell>
  );
}

const ACTIONS = {
  startCheck: { action: startCheckAction, field: 'comment', required: false },
  accept: { action: acceptAction, field: 'comment', required: false },
  approve: { action: approveAction, field: 'conditions', required: false },
  refuse: { action: refuseAction, field: 'reasons', required: true },
  confirmWithdrawal: { action: confirmWithdrawalAction, field: 'comment', required: false },
} as const;
export type SimpleActionName = keyof typeof ACTIONS;

/** A move with one text (a comment, the conditions, the reasons) and its button. */
export function SimpleActionForm({
  name,
  reference,
  pageTitle,
}: {
  name: SimpleActionName;
  reference: string;
  pageTitle: string;
}) {
  const t = useTranslations('StaffApplicationPage.actions');
  const { action, field } = ACTIONS[name];
  const form = useActionForm<string>(name, action as Action<string>);
  return (
    <form action={form.formAction} noValidate aria-labelledby={`${name}-title`} className="mb-8">
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      <h3 id={`${name}-title`} className="mb-2 text-xl font-bold">
        {t(`${name}.title`)}
      </h3>
      <p className="mb-3 max-w-prose">{t(`${name}.hint`)}</p>
      <input type="hidden" name="reference" value={reference} />
      <TextArea
        id={form.id(field)}
        name={field}
        label={t(`${name}.field`)}
        error={form.fieldError(field)}
        defaultValue={form.state.values[field]}
      />
      <button
        type="submit"
        className={name === 'refuse' ? 'btn-secondary' : 'btn-primary'}
        disabled={form.pending}
      >
        {t(`${name}.submit`)}
      </button>
    </form>
  );
}

/** "Demander des renseignements": up to three items, a message, the due date (15 business days). */
export function RequestInformationForm({
  reference,
  defaultDueOn,
  pageTitle,
}: {
  reference: string;
  defaultDueOn: string;
  pageTitle: string;
}) {
  const t = useTranslations('StaffApplicationPage.actions.requestInformation');
  const form = useActionForm('request', requestInformationAction);
  const values = form.state.values;
  const kinds = [
    { value: '', label: t('kindNone') },
    ...ITEM_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) })),
  ];
  return (
    <form action={form.formAction} noValidate aria-labelledby="request-title" className="mb-8">
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      <h3 id="request-title" className="mb-2 text-xl font-bold">
        {t('title')}
      </h3>
      <p className="mb-3 max-w-prose">{t('hint')}</p>
      <input type="hidden" name="reference" value={reference} />
      {Array.from({ length: ITEM_ROWS }, (_, i) => {
        const kind = `itemKind${i + 1}` as 'itemKind1';
        const message = `itemMessage${i + 1}` as 'itemMessage1';
        return (
          <fieldset key={i} className="mb-4 max-w-2xl border-l-4 border-neutral-300 pl-4">
            <legend className="mb-2 font-semibold">{t('item', { number: i + 1 })}</legend>
            <SelectField
              id={form.id(kind)}
              name={kind}
              label={t('kind')}
              options={kinds}
              autoComplete="off"
              defaultValue={values[kind] ?? (i === 0 ? 'missing_document' : '')}
              error={form.fieldError(kind)}
            />
            <TextArea
              id={form.id(message)}
              name={message}
              label={t('itemMessage')}
              rows={2}
              error={form.fieldError(message)}
              defaultValue={values[message]}
            />
          </fieldset>
        );
      })}
      <TextArea
        id={form.id('message')}
        name="message"
        label={t('message')}
        error={form.fieldError('message')}
        defaultValue={values.message}
      />
      <TextField
        id={form.id('dueOn')}
        name="dueOn"
        type="date"
        label={t('dueOn')}
        hint={t('dueOnHint')}
        autoComplete="off"
        width="city"
        defaultValue={values.dueOn ?? defaultDueOn}
        error={form.fieldError('dueOn')}
      />
      <button type="submit" className="btn-primary" disabled={form.pending}>
        {t('submit')}
      </button>
    </form>
  );
}

/** "Attribuer": to an active intake agent, examiner or administrator. */
export function AssignForm({
  reference,
  options,
  current,
  pageTitle,
}: {
  reference: string;
  options: { value: string; label: string }[];
  current: string | null;
  pageTitle: string;
}) {
  const t = useTranslations('StaffApplicationPage.actions.assign');
  const form = useActionForm('assign', assignAction);
  return (
    <form action={form.formAction} noValidate aria-labelledby="assign-title" className="mb-8">
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      <h3 id="assign-title" className="mb-2 text-xl font-bold">
        {t('title')}
      </h3>
      <input type="hidden" name="reference" value={reference} />
      <SelectField
        id={form.id('assignee')}
        name="assignee"
        label={t('field')}
        options={[{ value: '', label: t('choose') }, ...options]}
        autoComplete="off"
        defaultValue={form.state.values.assignee ?? current ?? ''}
        error={form.fieldError('assignee')}
      />
      <button type="submit" className="btn-primary" disabled={form.pending}>
        {t('submit')}
      </button>
    </form>
  );
}

/** "Ajouter une note": for staff only. */
export function NoteForm({ reference, pageTitle }: { reference: string; pageTitle: string }) {
  const t = useTranslations('StaffApplicationPage.notes');
  const form = useActionForm('note', addNoteAction);
  return (
    <form action={form.formAction} noValidate aria-label={t('add')} className="mb-6">
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      <input type="hidden" name="reference" value={reference} />
      <TextArea
        id={form.id('note')}
        name="note"
        label={t('field')}
        hint={t('hint')}
        error={form.fieldError('note')}
        defaultValue={form.state.values.note}
      />
      <button type="submit" className="btn-secondary" disabled={form.pending}>
        {t('add')}
      </button>
    </form>
  );
}
