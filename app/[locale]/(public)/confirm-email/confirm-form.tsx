'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useForm } from '@/app/_components/form/use-form-messages';
import { confirmEmailChangeAction } from './actions';

export function ConfirmEmailForm({ token, newEmail }: { token: string; newEmail: string }) {
  const t = useTranslations('ConfirmEmailPage');
  const { formAction, pending, items, formError } = useForm(confirmEmailChangeAction);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-4 max-w-prose">{t('intro')}</p>
      <dl className="mb-6">
        <dt className="font-semibold">{t('newEmail')}</dt>
        <dd className="break-words">{newEmail}</dd>
      </dl>
      <p className="mb-6 max-w-prose">{t('after')}</p>
      <form action={formAction}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
