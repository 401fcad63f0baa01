'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { CheckboxField } from '@/app/_components/form/choice-fields';
import { NewPasswordFields } from '@/app/_components/form/new-password-fields';
import { EmailField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { createAccountAction } from './actions';

export function CreateAccountForm() {
  const t = useTranslations('CreateAccountPage');
  const terms = useTranslations('Terms');
  const { state, formAction, pending, fieldError, items, formError, passwordNotice } =
    useForm(createAccountAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6">{t('allRequired')}</p>
      <form action={formAction} noValidate className="max-w-2xl">
        <div>
          <EmailField
            name="email"
            label={t('email')}
            defaultValue={state.values.email}
            error={fieldError('email')}
          />
          <EmailField
            name="emailConfirm"
            label={t('emailConfirm')}
            defaultValue={state.values.emailConfirm}
            error={fieldError('emailConfirm')}
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
        </div>
        <div>
          <h2 id="terms-title" className="mb-2 text-xl font-bold text-ottawa-navy">
            {terms('title')}
          </h2>
          <div
            tabIndex={0}
            role="region"
            aria-labelledby="terms-title"
            className="mb-5 h-72 overflow-y-auto rounded border-2 border-neutral-400 p-4"
          >
            {terms.rich('paragraphs', { p: (chunks) => <p className="mb-3">{chunks}</p> })}
          </div>
          <CheckboxField
            name="acceptTerms"
            label={t('acceptTerms')}
            checked={state.values.acceptTerms === 'on'}
            error={fieldError('acceptTerms')}
          />
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
        </div>
      </form>
    </>
  );
}
