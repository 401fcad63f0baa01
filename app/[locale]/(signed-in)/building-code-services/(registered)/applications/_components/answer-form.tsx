'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { useForm } from '@/app/_components/form/use-form-messages';
import { respondToRequestAction } from '../actions';

/**
 * The answer to the City's request for information: the message (required) and "Envoyer la
 * réponse" / "Send response". Files are added on the Documents step before. The error summary
 * opens the form (its section is where the resident acts on this page); the message is kept.
 */
export function AnswerForm({ reference, pageTitle }: { reference: string; pageTitle: string }) {
  const t = useTranslations('ApplicationPages.answer');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(respondToRequestAction);
  const error = fieldError('message');
  const hint = t('message.hint');
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={pageTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
        <input type="hidden" name="reference" value={reference} />
        <FieldShell id="message" label={t('message.label')} hint={hint} error={error}>
          <textarea
            key={state.values.message ?? ''}
            id="message"
            name="message"
            rows={6}
            autoComplete="off"
            className="input max-w-2xl"
            defaultValue={state.values.message ?? ''}
            {...fieldAria('message', hint, error)}
          />
        </FieldShell>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('send')}
        </button>
      </form>
    </>
  );
}
