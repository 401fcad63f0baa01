import type { SelectHTMLAttributes } from 'react';
import { FieldShell, fieldAria } from './field-shell';

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  error?: string;
}

/** A labelled select with its hint and inline error wired to aria-describedby. */
export function SelectField({
  name,
  label,
  options,
  hint,
  error,
  id = name,
  ...select
}: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        className="input bg-white"
        {...fieldAria(id, hint, error)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
