'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { useForm } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { ProfileFields } from '@/app/_components/profile/profile-fields';
import type { ProfileReturn } from '@/app/_components/profile/profile-summary';
import { PROFILE_FIELDS, type ProfileField } from '@/lib/registration/profile-schema';
import { saveContactDetailsAction } from './actions';
import { RETURN_PATHS } from './return-to';

/**
 * The one form that changes a person's contact details, reached from "Mes coordonnées" and "Mon
 * profil". A "Modifier" link's fragment names the field: the browser scrolls to it, and with
 * JavaScript it also gets the focus.
 */
export function ContactDetailsForm({
  initialValues,
  from,
}: {
  initialValues: Partial<Record<ProfileField, string>>;
  from: ProfileReturn;
}) {
  const t = useTranslations('SettingsContactEditPage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(
    saveContactDetailsAction,
    initialValues,
  );
  useEffect(() => {
    const field = decodeURIComponent(window.location.hash.slice(1));
    if ((PROFILE_FIELDS as readonly string[]).includes(field)) {
      document.getElementById(field)?.focus();
    }
  }, []);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <form action={formAction} noValidate>
        <input type="hidden" name="from" value={from} />
        <ProfileFields values={state.values} fieldError={fieldError} />
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
          <LocalLink href={RETURN_PATHS[from]} className="btn-secondary">
            {t('cancel')}
          </LocalLink>
        </div>
      </form>
    </>
  );
}
