'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { NewPasswordFields } from '@/app/_components/form/new-password-fields';
import { useForm } from '@/app/_components/form/use-form-messages';
import { staffSetupAction } from './actions';

export function StaffSetupForm({ token }: { token: string }) {
  const t = useTranslations('StaffSetupPage');
  const { formAction, pending, fieldError, items, formError, passwordNotice } =
    useForm(staffSetupAction);
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
          notice={passwordNotice}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
