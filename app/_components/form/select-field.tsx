import type { SelectHTMLAttributes } from 'react';
import { FieldError } from './field-error';

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
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-5">
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-neutral-700">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      <select
        id={id}
        name={name}
        className="input bg-white"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
