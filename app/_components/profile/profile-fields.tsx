'use client';

import { useTranslations } from 'next-intl';
import type { ChangeEvent } from 'react';
import { SelectField } from '@/app/_components/form/select-field';
import { TextField } from '@/app/_components/form/text-field';
import {
  COUNTRIES,
  LANGUAGES,
  PROVINCES,
  TITLES,
  type ProfileField,
} from '@/lib/registration/profile-schema';

/**
 * The 15 fields of "Renseignements du profil personnel", shared by the Building Code Services
 * consent form and the contact-details form: one set of labels, hints, autocomplete tokens and
 * error slots. The address reads in order, Pays before the Province it decides; the pages
 * pre-select Ontario in Canada (withProvinceDefault), and choosing Canada again here does the
 * same for an empty province. Needs the 'Profile' and 'Form' message namespaces.
 */
export function ProfileFields({
  values,
  fieldError,
}: {
  values: Partial<Record<ProfileField, string>>;
  fieldError: (field: ProfileField) => string | undefined;
}) {
  const p = useTranslations('Profile');
  const tf = useTranslations('Form');
  const required = ` ${tf('required')}`;

  const text = (
    name: keyof typeof AUTOCOMPLETE,
    opts: { required?: boolean; hint?: string; type?: string; inputMode?: 'tel' | 'numeric' } = {},
  ) => (
    <TextField
      name={name}
      label={p(`${name}.label`) + (opts.required ? required : '')}
      hint={opts.hint}
      type={opts.type ?? 'text'}
      inputMode={opts.inputMode}
      autoComplete={AUTOCOMPLETE[name]}
      defaultValue={values[name]}
      error={fieldError(name)}
    />
  );

  return (
    <div>
      <SelectField
        name="title"
        label={p('title.label')}
        defaultValue={values.title ?? ''}
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
        defaultValue={values.communicationLanguage ?? ''}
        error={fieldError('communicationLanguage')}
        autoComplete="language"
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
        name="country"
        label={p('country.label')}
        defaultValue={values.country || 'CA'}
        error={fieldError('country')}
        autoComplete="country"
        onChange={ontarioInCanada}
        options={COUNTRIES.map((value) => ({ value, label: p(`country.options.${value}`) }))}
      />
      <SelectField
        name="province"
        label={p('province.label')}
        hint={p('province.hint')}
        defaultValue={values.province ?? ''}
        error={fieldError('province')}
        autoComplete="address-level1"
        options={[
          { value: '', label: p('province.choose') },
          ...PROVINCES.map((value) => ({ value, label: p(`province.options.${value}`) })),
        ]}
      />
      {text('postalCode', { hint: p('postalCode.hint') })}
      <div aria-hidden="true" className="hidden md:block" />
      {text('phone', { required: true, hint: p('phone.hint'), type: 'tel' })}
      {text('phoneExtension', { inputMode: 'numeric' })}
      {text('secondaryPhone', { type: 'tel' })}
      {text('secondaryPhoneExtension', { inputMode: 'numeric' })}
    </div>
  );
}

/** Choosing Canada with no province chosen pre-selects Ontario (never changes a chosen one). */
function ontarioInCanada(event: ChangeEvent<HTMLSelectElement>) {
  const province = event.currentTarget.form?.elements.namedItem('province');
  if (event.currentTarget.value === 'CA' && province instanceof HTMLSelectElement) {
    if (!province.value) province.value = 'ON';
  }
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
