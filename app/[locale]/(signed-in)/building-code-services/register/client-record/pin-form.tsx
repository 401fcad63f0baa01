'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { linkPinAction } from './actions';

/** "Code NIP du client" + "Lier avec un code NIP", on the client-record step and "Mon profil". */
/** `pageTitle`: the title of the page the form sits on (client-record step or Mon profil). */
export function PinForm({ pageTitle }: { pageTitle: string }) {
  const t = useTranslations('ClientRecordPage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(linkPinAction);
  return (
    <form action={formAction} noValidate>
      <ErrorSummary items={items} formError={formError} pageTitle={pageTitle} />
      <TextField
        name="pin"
        label={t('pin')}
        hint={t('pinHint')}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={state.values.pin}
        error={fieldError('pin')}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('linkSubmit')}
      </button>
    </form>
  );
}
