'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { EmailField } from '@/app/_components/form/text-field';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import { initialFormState } from '@/lib/forms/form-state';
import { forgotPasswordAction, type ForgotPasswordField } from './actions';

export function ForgotPasswordForm() {
  const t = useTranslations('ForgotPasswordPage');
  const [state, formAction, pending] = useActionState(
    forgotPasswordAction,
    initialFormState<ForgotPasswordField>(),
  );
  const { fieldError, items, formError } = useFormMessages(state, ['email'] as const);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <EmailField
          name="email"
          label={t('email')}
          defaultValue={state.values.email}
          error={fieldError('email')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
