'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { FieldError } from '@/app/_components/form/field-error';
import { SelectField } from '@/app/_components/form/select-field';
import { TextField } from '@/app/_components/form/text-field';
import { useFormMessages } from '@/app/_components/form/use-form-messages';
import type { FormState } from '@/lib/forms/form-state';
import { LocalLink } from '@/app/_components/local-link';
import {
  COUNTRIES,
  LANGUAGES,
  PROFILE_FIELDS,
  PROVINCES,
  TITLES,
} from '@/lib/registration/profile-schema';
import { consentAction, type ConsentField } from './actions';
import { messageList } from '@/lib/i18n/message-list';

const ORDER = [...PROFILE_FIELDS, 'consent'] as const satisfies readonly ConsentField[];

/** The guide's consent page: notice first (PRIV-01), then the 15 fields, the checkbox, J'accepte. */
export function ConsentForm({
  initialValues,
  reconsent,
}: {
  initialValues: Partial<Record<ConsentField, string>>;
  reconsent: boolean;
}) {
  const t = useTranslations('RegisterPage');
  const p = useTranslations('Profile');
  const tf = useTranslations('Form');
  const [state, formAction, pending] = useActionState(consentAction, {
    status: 'idle',
    fieldErrors: {},
    values: initialValues,
  } satisfies FormState<ConsentField>);
  const { fieldError, items, formError } = useFormMessages(state, ORDER);
  const v = state.values;
  const required = ` ${tf('required')}`;

  const text = (
    name: ConsentField & keyof typeof AUTOCOMPLETE,
    opts: { required?: boolean; hint?: string; type?: string; inputMode?: 'tel' | 'numeric' } = {},
  ) => (
    <TextField
      name={name}
      label={p(`${name}.label` as never) + (opts.required ? required : '')}
      hint={opts.hint}
      type={opts.type ?? 'text'}
      inputMode={opts.inputMode}
      autoComplete={AUTOCOMPLETE[name]}
      defaultValue={v[name]}
      error={fieldError(name)}
    />
  );

  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <p className="mb-1 font-semibold text-ottawa-blue">{t('area')}</p>
      <h1 className="page-title">{t('title')}</h1>
      {reconsent ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-blue bg-blue-50 p-3">
          {t('reconsent')}
        </p>
      ) : null}
      <section aria-labelledby="transfer-title" className="mb-6 max-w-prose">
        <h2 id="transfer-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('transferTitle')}
        </h2>
        {messageList(t.raw('transferParagraphs')).map((paragraph) => (
          <p key={paragraph} className="mb-3">
            {paragraph}
          </p>
        ))}
      </section>
      <section
        aria-labelledby="collection-title"
        className="mb-8 max-w-prose rounded border-l-4 border-ottawa-navy bg-neutral-100 p-4"
      >
        <h2 id="collection-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('collectionTitle')}
        </h2>
        <p>{t('collectionText')}</p>
      </section>
      <form action={formAction} noValidate>
        <h2 className="mb-4 text-xl font-bold text-ottawa-navy">{t('profileTitle')}</h2>
        <div className="grid gap-x-8 md:grid-cols-2">
          <SelectField
            name="title"
            label={p('title.label')}
            defaultValue={v.title ?? ''}
            error={fieldError('title')}
            autoComplete="honorific-prefix"
            options={[
              { value: '', label: p('title.choose') },
              ...TITLES.map((value) => ({ value, label: p(`title.options.${value}`) })),
            ]}
          />
          <div aria-hidden="true" className="hidden md:block" />
          {text('firstName', { required: true })}
          {text('lastName', { required: true })}
          <SelectField
            name="communicationLanguage"
            label={p('communicationLanguage.label') + required}
            defaultValue={v.communicationLanguage ?? ''}
            error={fieldError('communicationLanguage')}
            options={[
              { value: '', label: p('communicationLanguage.choose') },
              ...LANGUAGES.map((value) => ({
                value,
                label: p(`communicationLanguage.options.${value}`),
              })),
            ]}
          />
          <div aria-hidden="true" className="hidden md:block" />
          {text('unit')}
          {text('address1')}
          {text('address2')}
          {text('city')}
          <SelectField
            name="province"
            label={p('province.label')}
            hint={p('province.hint')}
            defaultValue={v.province ?? ''}
            error={fieldError('province')}
            autoComplete="address-level1"
            options={[
              { value: '', label: p('province.choose') },
              ...PROVINCES.map((value) => ({ value, label: p(`province.options.${value}`) })),
            ]}
          />
          {text('postalCode', { hint: p('postalCode.hint') })}
          <SelectField
            name="country"
            label={p('country.label')}
            defaultValue={v.country || 'CA'}
            error={fieldError('country')}
            options={COUNTRIES.map((value) => ({ value, label: p(`country.options.${value}`) }))}
          />
          <div aria-hidden="true" className="hidden md:block" />
          {text('phone', { required: true, hint: p('phone.hint'), type: 'tel' })}
          {text('phoneExtension', { inputMode: 'numeric' })}
          {text('secondaryPhone', { type: 'tel' })}
          {text('secondaryPhoneExtension', { inputMode: 'numeric' })}
        </div>
        <div className="my-6">
          <FieldError id="consent-error" message={fieldError('consent')} />
          <div className="flex items-start gap-3">
            <input
              id="consent"
              name="consent"
              type="checkbox"
              className="mt-1 h-6 w-6 shrink-0"
              defaultChecked={v.consent === 'on'}
              aria-invalid={fieldError('consent') ? true : undefined}
              aria-describedby={fieldError('consent') ? 'consent-error' : undefined}
            />
            <label htmlFor="consent">
              {t('consent')}
              {required}
            </label>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
          <LocalLink href="/dashboard" className="btn-secondary">
            {t('cancel')}
          </LocalLink>
        </div>
      </form>
    </>
  );
}

const AUTOCOMPLETE = {
  firstName: 'given-name',
  lastName: 'family-name',
  unit: 'address-line3',
  address1: 'address-line1',
  address2: 'address-line2',
  city: 'address-level2',
  postalCode: 'postal-code',
  phone: 'tel',
  phoneExtension: 'tel-extension',
  secondaryPhone: 'tel',
  secondaryPhoneExtension: 'tel-extension',
} as const;
