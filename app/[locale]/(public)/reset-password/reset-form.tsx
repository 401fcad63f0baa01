'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { NewPasswordFields } from '@/app/_components/form/new-password-fields';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import { initialFormState } from '@/lib/forms/form-state';
import { resetPasswordAction, type ResetPasswordField } from './actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('ResetPasswordPage');
  const [state, formAction, pending] = useActionState(
    resetPasswordAction,
    initialFormState<ResetPasswordField>(),
  );
  const { fieldError, items, formError } = useFormMessages(state);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields
          labels={{
            password: t('password'),
            hint: t('passwordHint'),
            confirm: t('passwordConfirm'),
          }}
          fieldError={fieldError}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
