'use client';

import { useState, useSyncExternalStore } from 'react';
import { FieldError } from './field-error';

const noSubscription = () => () => {};

/**
 * type=password with a show/hide toggle (hidden by default; the toggle appears once JavaScript
 * runs), no maxlength, paste allowed, never pre-filled (PWD-06).
 */
export function PasswordField({
  name,
  label,
  hint,
  error,
  autoComplete,
  showLabel,
  hideLabel,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  autoComplete: 'current-password' | 'new-password';
  showLabel: string;
  hideLabel: string;
}) {
  const [visible, setVisible] = useState(false);
  // False on the server and in the HTML, true once hydrated: no toggle without JavaScript.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-5">
      <label htmlFor={name} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-neutral-700">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${name}-error`} message={error} />
      <div className="flex max-w-md gap-2">
        <input
          id={name}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="none"
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {enhanced ? (
          <button
            type="button"
            className="btn-secondary shrink-0 px-3 text-sm"
            aria-controls={name}
            aria-pressed={visible}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? hideLabel : showLabel}
          </button>
        ) : null}
      </div>
    </div>
  );
}
