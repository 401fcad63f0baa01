'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { ProfileFields } from '@/app/_components/profile/profile-fields';
import type { FormState } from '@/lib/forms/form-state';
import { PROFILE_FIELDS, type ProfileField } from '@/lib/registration/profile-schema';
import { saveContactDetailsAction } from './actions';

export function ContactDetailsForm({
  initialValues,
}: {
  initialValues: Partial<Record<ProfileField, string>>;
}) {
  const t = useTranslations('SettingsContactPage');
  const ts = useTranslations('SettingsPage');
  const [state, formAction, pending] = useActionState(saveContactDetailsAction, {
    status: 'idle',
    fieldErrors: {},
    values: initialValues,
  } satisfies FormState<ProfileField>);
  const { fieldError, items, formError } = useFormMessages(state, PROFILE_FIELDS);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <ProfileFields values={state.values} fieldError={fieldError} />
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
          <LocalLink href="/settings" className="btn-secondary">
            {ts('back')}
          </LocalLink>
        </div>
      </form>
    </>
  );
}
