'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { PasswordField } from '@/app/_components/form/password-field';
import { EmailField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { requestEmailChangeAction } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';
import { visuallyHidden } from '@/app/_components/visually-hidden';

export function EmailChangeForm({ currentEmail }: { currentEmail: string }) {
  const t = useTranslations('SettingsEmailPage');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(requestEmailChangeAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <dl className="mb-6">
        <dt className="font-semibold">{t('currentEmail')}</dt>
        <dd className="break-words">{currentEmail}</dd>
      </dl>
      <form action={formAction} noValidate>
        <EmailField
          name="newEmail"
          label={t('newEmail.label')}
          hint={t('newEmail.hint')}
          defaultValue={state.values.newEmail}
          error={fieldError('newEmail')}
        />
        <EmailField
          name="newEmailConfirm"
          label={t('newEmailConfirm.label')}
          defaultValue={state.values.newEmailConfirm}
          error={fieldError('newEmailConfirm')}
        />
        <PasswordField
          name="currentPassword"
          label={t('currentPassword.label')}
          hint={t('currentPassword.hint')}
          autoComplete="current-password"
          error={fieldError('currentPassword')}
          showLabel={t.rich('currentPassword.show', visuallyHidden)}
          hideLabel={t.rich('currentPassword.hide', visuallyHidden)}
        />
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
