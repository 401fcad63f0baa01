'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useForm } from '@/app/_components/form/use-form-messages';
import { ProfileFields } from '@/app/_components/profile/profile-fields';
import type { ProfileField } from '@/lib/registration/profile-schema';
import { saveContactDetailsAction } from './actions';
import { SettingsFormActions } from '../_components/settings-form-actions';

export function ContactDetailsForm({
  initialValues,
}: {
  initialValues: Partial<Record<ProfileField, string>>;
}) {
  const t = useTranslations('SettingsContactPage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(
    saveContactDetailsAction,
    initialValues,
  );
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <ProfileFields values={state.values} fieldError={fieldError} />
        <SettingsFormActions submit={t('submit')} pending={pending} />
      </form>
    </>
  );
}
