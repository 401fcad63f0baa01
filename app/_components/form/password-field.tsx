'use client';

import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { FieldShell, fieldAria } from './field-shell';

const noSubscription = () => () => {};

/**
 * type=password with a show/hide toggle (hidden by default; the toggle appears once JavaScript
 * runs), no maxlength, paste allowed, never pre-filled (PWD-06). `notice` says so when the form
 * came back with errors elsewhere: the password typed before is not in the page any more.
 */
export function PasswordField({
  name,
  label,
  hint,
  error,
  notice,
  autoComplete,
  showLabel,
  hideLabel,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  notice?: string;
  autoComplete: 'current-password' | 'new-password';
  /** "Afficher<hidden> le mot de passe</hidden>" rendered with `visuallyHidden`: one short
   * visible word, so the input keeps its width, and a whole name for assistive technology. */
  showLabel: ReactNode;
  hideLabel: ReactNode;
}) {
  const [visible, setVisible] = useState(false);
  // The field's own error says more than the notice.
  const shownNotice = error ? undefined : notice;
  // False on the server and in the HTML, true once hydrated: no toggle without JavaScript.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <FieldShell id={name} label={label} hint={hint} error={error} notice={shownNotice}>
      {/* The toggle sits beside the input, or under it when both do not fit (320 px reflow). */}
      <div className="flex flex-wrap gap-2">
        <input
          id={name}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="none"
          className="input min-w-40 flex-1"
          {...fieldAria(name, hint, error, shownNotice)}
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
    </FieldShell>
  );
}
