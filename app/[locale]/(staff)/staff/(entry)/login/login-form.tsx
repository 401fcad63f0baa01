'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { PasswordField } from '@/app/_components/form/password-field';
import { EmailField, TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { visuallyHidden } from '@/app/_components/visually-hidden';
import { staffLoginAction } from './actions';

export function StaffLoginForm({ notice }: { notice?: string }) {
  const t = useTranslations('StaffLoginPage');
  const tf = useTranslations('Form');
  const { state, formAction, pending, fieldError, items, formError } = useForm(staffLoginAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      {notice && !formError ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-blue bg-blue-50 p-3">
          {notice}
        </p>
      ) : null}
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <EmailField
          name="email"
          label={t('email')}
          defaultValue={state.values.email}
          error={fieldError('email')}
        />
        <PasswordField
          name="password"
          label={t('password')}
          autoComplete="current-password"
          error={fieldError('password')}
          showLabel={tf.rich('showPassword', visuallyHidden)}
          hideLabel={tf.rich('hidePassword', visuallyHidden)}
        />
        <TextField
          name="code"
          label={t('code')}
          hint={t('codeHint')}
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          width="pin"
          error={fieldError('code')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
