'use client';

import { useTranslations } from 'next-intl';
import { useForm } from '@/app/_components/form/use-form-messages';
import {
  requirePasswordChangeAction,
  resendActivationAction,
  unlockPinLinkAction,
} from '../../actions';

/**
 * The operators' actions on one account, each a POST that comes back to the account's page with
 * what was done: resend the activation (a pending account only), require a password change,
 * unlock PIN linking (when locked).
 */
export function ResidentActions({
  userId,
  pending,
  passwordChangeRequired,
  pinLinkLocked,
}: {
  userId: string;
  pending: boolean;
  passwordChangeRequired: boolean;
  pinLinkLocked: boolean;
}) {
  const t = useTranslations('StaffResidentPage');
  const resend = useForm(resendActivationAction);
  const require = useForm(requirePasswordChangeAction);
  const unlock = useForm(unlockPinLinkAction);
  const forms = [
    pending ? { key: 'resend', form: resend, hint: t('resendHint'), submit: t('resend') } : null,
    passwordChangeRequired
      ? null
      : {
          key: 'require',
          form: require,
          hint: t('requireHint'),
          submit: t('require'),
        },
    pinLinkLocked
      ? { key: 'unlock', form: unlock, hint: t('unlockHint'), submit: t('unlock') }
      : null,
  ].filter((f) => f !== null);
  if (forms.length === 0) return <p>{t('nothingToDo')}</p>;
  return (
    <div className="grid gap-8 md:grid-cols-2">
      {forms.map(({ key, form, hint, submit }) => (
        <form key={key} action={form.formAction}>
          <input type="hidden" name="userId" value={userId} />
          <p className="mb-3 max-w-prose">{hint}</p>
          {form.formError ? (
            <p role="alert" className="mb-3 font-semibold text-red-800">
              {form.formError}
            </p>
          ) : null}
          <button type="submit" className="btn-secondary" disabled={form.pending}>
            {submit}
          </button>
        </form>
      ))}
    </div>
  );
}
