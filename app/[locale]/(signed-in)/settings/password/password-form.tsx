'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { NewPasswordFields } from '@/app/_components/form/new-password-fields';
import { PasswordField } from '@/app/_components/form/password-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { changePasswordAction } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';
import { visuallyHidden } from '@/app/_components/visually-hidden';

export function ChangePasswordForm() {
  const t = useTranslations('SettingsPasswordPage');
  const { formAction, pending, fieldError, items, formError, passwordNotice } =
    useForm(changePasswordAction);
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
          notice={passwordNotice}
          showLabel={t.rich('showCurrent', visuallyHidden)}
          hideLabel={t.rich('hideCurrent', visuallyHidden)}
        />
        <NewPasswordFields
          labels={{
            password: t('password'),
            hint: t('passwordHint'),
            confirm: t('passwordConfirm'),
          }}
          fieldError={fieldError}
          notice={passwordNotice}
        />
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
