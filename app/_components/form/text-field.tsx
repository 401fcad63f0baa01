import type { InputHTMLAttributes } from 'react';
import { FieldShell, fieldAria } from './field-shell';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input with its hint and inline error wired to aria-describedby. */
export function TextField({
  name,
  label,
  hint,
  error,
  id = name,
  className,
  ...input
}: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input id={id} name={name} className="input" {...fieldAria(id, hint, error)} {...input} />
    </FieldShell>
  );
}

/** An email address field: the right type, autocomplete and no autocorrection. */
export function EmailField(props: Omit<TextFieldProps, 'type'>) {
  return (
    <TextField
      type="email"
      autoComplete="email"
      spellCheck={false}
      autoCapitalize="none"
      {...props}
    />
  );
}
