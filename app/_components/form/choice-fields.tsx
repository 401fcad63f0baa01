import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/*
 * Checkboxes and radios take the answer to show (from the form state's `values`, which the action
 * sends back), not a default of the page's own: React 19 resets a form after its action to what
 * `defaultChecked` says, so a tick or a choice stays what the person chose after an error.
 */

/** A checkbox with its label beside it and its inline error above (terms, consent). */
export function CheckboxField({
  name,
  label,
  checked,
  error,
  className = 'mb-6',
}: {
  name: string;
  label: ReactNode;
  /** Ticked: the answer sent back was 'on'. */
  checked: boolean;
  error?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <FieldError id={`${name}-error`} message={error} />
      <div className="flex items-start gap-3">
        <input
          id={name}
          name={name}
          type="checkbox"
          className="mt-1 h-6 w-6 shrink-0"
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        <label htmlFor={name}>{label}</label>
      </div>
    </div>
  );
}

/**
 * Radios in a fieldset with its legend and inline error. The first radio's id is the field's
 * name, where the error summary's link leads.
 */
export function RadioGroupField({
  name,
  legend,
  options,
  value,
  error,
}: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  /** The option chosen: the answer sent back, or the saved one. */
  value: string | undefined;
  error?: string;
}) {
  return (
    <fieldset className="mb-6" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-2 text-lg font-semibold">{legend}</legend>
      <FieldError id={`${name}-error`} message={error} />
      {options.map((option, index) => {
        const id = index === 0 ? name : `${name}-${option.value}`;
        return (
          <div key={option.value} className="mb-2 flex items-center gap-3">
            <input
              id={id}
              type="radio"
              name={name}
              value={option.value}
              defaultChecked={value === option.value}
              className="h-6 w-6"
            />
            <label htmlFor={id} lang={option.lang}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
