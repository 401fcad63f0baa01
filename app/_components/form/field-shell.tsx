import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** The ids and ARIA attributes that tie an input to its hint and inline error. */
export function fieldAria(id: string, hint?: string, error?: string) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

/**
 * What every field has around its control, in GOV.UK order: the visible label, the hint, the
 * inline error, then the control itself.
 */
export function FieldShell({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`mb-5 ${className ?? ''}`}>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mb-1 text-neutral-700">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}
