import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** The ids and ARIA attributes that tie an input to its hint, notice and inline error. */
export function fieldAria(id: string, hint?: string, error?: string, notice?: string) {
  const describedBy = [hint && `${id}-hint`, notice && `${id}-notice`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return {
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

/**
 * What every field has around its control, in GOV.UK order: the visible label, the hint, the
 * inline error, then the control itself. A `notice` is a hint about this very submission (enter
 * the password again), not an error: it is not in the error summary and does not mark the field
 * invalid.
 */
export function FieldShell({
  id,
  label,
  hint,
  error,
  notice,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  notice?: string;
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
      {notice ? (
        <p id={`${id}-notice`} className="mb-1 font-semibold">
          {notice}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}
