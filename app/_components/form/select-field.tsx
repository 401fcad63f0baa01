import type { SelectHTMLAttributes } from 'react';
import { FieldShell, fieldAria } from './field-shell';

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  error?: string;
}

/**
 * A labelled select with its hint and inline error wired to aria-describedby. React 19 resets a
 * form to its controls' defaults after its action, and applies a select's `defaultValue` only
 * when the select mounts: keyed by it, the select mounts again with the answer the action sent
 * back, so the reset shows that answer instead of the first option.
 */
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
        key={String(select.defaultValue ?? '')}
        id={id}
        name={name}
        className="input w-full bg-white sm:w-auto"
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
