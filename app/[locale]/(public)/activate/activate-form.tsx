'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { PasswordField } from '@/app/_components/form/password-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { activateAction } from './actions';
import { visuallyHidden } from '@/app/_components/visually-hidden';

export function ActivateForm({ token }: { token: string }) {
  const t = useTranslations('ActivatePage');
  const tf = useTranslations('Form');
  const { formAction, pending, fieldError, items, formError } = useForm(activateAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <input type="hidden" name="token" value={token} />
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
          {/* A reset activates a pending account too: the way out for a forgotten password. */}
          <LocalLink href="/forgot-password">{t('forgotPassword')}</LocalLink>
        </div>
      </form>
    </>
  );
}
