'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { PasswordField } from '@/app/_components/form/password-field';
import { EmailField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { loginAction } from './actions';
import { visuallyHidden } from '@/app/_components/visually-hidden';

export function LoginForm({
  callbackUrl,
  notice,
}: {
  callbackUrl?: string;
  /** Why the person is here (signed out, timed out…); `information` for what the portal did. */
  notice?: { text: string; information: boolean };
}) {
  const t = useTranslations('LoginPage');
  const tf = useTranslations('Form');
  const { state, formAction, pending, fieldError, items, formError } = useForm(loginAction);
  const notActivated = state.formError === 'LoginPage.errors.notActivated';
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      {notActivated ? (
        <p className="-mt-4 mb-6">
          <LocalLink href="/resend-activation">{t('errors.resendLink')}</LocalLink>
        </p>
      ) : null}
      <h1 className="page-title">{t('title')}</h1>
      {notice && !formError ? (
        <p
          role="status"
          className={`mb-6 border-l-4 p-3 ${notice.information ? 'border-ottawa-blue bg-blue-50' : 'border-ottawa-green bg-green-50'}`}
        >
          {notice.text}
        </p>
      ) : null}
      <form action={formAction} noValidate>
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
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
        <div className="flex flex-wrap items-center gap-6">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
          <LocalLink href="/forgot-password">{t('forgotPassword')}</LocalLink>
        </div>
      </form>
    </>
  );
}
