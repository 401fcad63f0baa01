'use client';

import { useTranslations } from 'next-intl';
import { RadioGroupField } from '@/app/_components/form/choice-fields';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { TextField } from '@/app/_components/form/text-field';
import type { FieldDef } from '@/lib/applications/catalogue';

/** What each kind of answer types best with, on a phone's keyboard and for autofill. */
function inputProps(field: FieldDef) {
  switch (field.kind) {
    case 'integer':
      return { inputMode: 'numeric' as const, autoComplete: 'off' };
    case 'decimal':
    case 'money':
      return { inputMode: 'decimal' as const, autoComplete: 'off' };
    case 'text':
      if (field.format === 'phone') return { type: 'tel', autoComplete: 'off' };
      if (field.format === 'email')
        return { type: 'email', autoComplete: 'off', spellCheck: false };
      return { autoComplete: field.autocomplete ?? 'off' };
    default:
      return {};
  }
}

/**
 * A form step's fields, drawn from the catalogue: radios for a choice, a text area for long text,
 * an input otherwise. Values are the answers to show (saved, or sent back after an error).
 */
export function ApplicationFields({
  fields,
  values,
  fieldError,
}: {
  fields: readonly FieldDef[];
  values: Record<string, string | undefined>;
  fieldError: (field: string) => string | undefined;
}) {
  const t = useTranslations('Applications.fields');
  const label = (key: string) => t(`${key}.label` as never);
  return (
    <>
      {fields.map((field) => {
        const error = fieldError(field.key);
        if (field.kind === 'choice') {
          return (
            <RadioGroupField
              key={field.key}
              name={field.key}
              legend={label(field.key)}
              value={values[field.key]}
              error={error}
              options={field.options.map((option) => ({
                value: option,
                label: t(`${field.key}.options.${option}` as never),
              }))}
            />
          );
        }
        if (field.kind === 'text' && field.multiline) {
          return (
            <FieldShell key={field.key} id={field.key} label={label(field.key)} error={error}>
              <textarea
                id={field.key}
                name={field.key}
                rows={5}
                autoComplete="off"
                className="input max-w-2xl"
                defaultValue={values[field.key] ?? ''}
                {...fieldAria(field.key, undefined, error)}
              />
            </FieldShell>
          );
        }
        return (
          <TextField
            key={`${field.key}:${values[field.key] ?? ''}`}
            name={field.key}
            label={label(field.key)}
            error={error}
            defaultValue={values[field.key] ?? ''}
            {...inputProps(field)}
          />
        );
      })}
    </>
  );
}
