'use client';

import { useTranslations } from 'next-intl';
import { createContext, useContext, type ReactNode } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { PIN_LOCK_AFTER } from '@/lib/clients/pin-rules';
import { linkPinAction } from './actions';

type PinFormState = ReturnType<typeof usePinForm>;
const usePinForm = () => useForm(linkPinAction);
const PinFormContext = createContext<PinFormState | null>(null);

/**
 * Holds the PIN form's state for a whole page, so that its error summary opens `main`, as on
 * every other page, while the form itself sits lower, beside "Ne pas lier et continuer".
 */
export function PinFormScope({ pageTitle, children }: { pageTitle: string; children: ReactNode }) {
  const form = usePinForm();
  return (
    <PinFormContext.Provider value={form}>
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      {children}
    </PinFormContext.Provider>
  );
}

/**
 * "Code NIP du client" + "Lier avec un code NIP", on the client-record step and "Mon profil".
 * `pageTitle`: the title of the page the form sits on. Inside a PinFormScope, the scope shows the
 * error summary; alone, the form shows its own. `triesLeft`: the tries before linking locks,
 * when few remain (read on the server as the page opens).
 */
export function PinForm({
  pageTitle,
  triesLeft,
}: {
  pageTitle: string;
  triesLeft?: number | null;
}) {
  const scoped = useContext(PinFormContext);
  return scoped ? (
    <PinFields form={scoped} triesLeft={triesLeft} />
  ) : (
    <StandalonePinForm pageTitle={pageTitle} triesLeft={triesLeft} />
  );
}

function StandalonePinForm({
  pageTitle,
  triesLeft,
}: {
  pageTitle: string;
  triesLeft?: number | null;
}) {
  const form = usePinForm();
  return (
    <>
      <ErrorSummary items={form.items} formError={form.formError} pageTitle={pageTitle} />
      <PinFields form={form} triesLeft={triesLeft} />
    </>
  );
}

function PinFields({ form, triesLeft }: { form: PinFormState; triesLeft?: number | null }) {
  const t = useTranslations('ClientRecordPage');
  const { state, formAction, pending, fieldError } = form;
  // The tries left: from the last wrong PIN, else as the page opened; the rule until few remain.
  const left = state.messageValues?.remaining ?? triesLeft ?? null;
  return (
    <form action={formAction} noValidate>
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
      <p className="mb-4 text-sm" id="pin-tries">
        {left !== null
          ? t('triesLeft', { remaining: left })
          : t('lockWarning', { max: PIN_LOCK_AFTER })}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('linkSubmit')}
      </button>
    </form>
  );
}
