'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { NewPasswordFields } from '@/app/_components/form/new-password-fields';
import { PasswordField } from '@/app/_components/form/password-field';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import { initialFormState } from '@/lib/forms/form-state';
import { changePasswordAction, type ChangePasswordField } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';

export function ChangePasswordForm() {
  const t = useTranslations('SettingsPasswordPage');
  const [state, formAction, pending] = useActionState(
    changePasswordAction,
    initialFormState<ChangePasswordField>(),
  );
  const { fieldError, items, formError } = useFormMessages(state);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <PasswordField
          name="currentPassword"
          label={t('currentPassword')}
          autoComplete="current-password"
          error={fieldError('currentPassword')}
          showLabel={t('showCurrent')}
          hideLabel={t('hideCurrent')}
        />
        <NewPasswordFields
          labels={{
            password: t('password'),
            hint: t('passwordHint'),
            confirm: t('passwordConfirm'),
          }}
          fieldError={fieldError}
        />
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
