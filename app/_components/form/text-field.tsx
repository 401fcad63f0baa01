import type { InputHTMLAttributes } from 'react';
import { FieldShell, fieldAria } from './field-shell';

/**
 * Input widths fitted to what the field holds (GOV.UK "fixed width inputs"): a width tells the
 * person what is expected. From the `sm` breakpoint on; on a phone every input is full width.
 * The `ch` counts include the input's padding and border (about 3 ch).
 */
const WIDTHS = {
  /** "K1P 1J1": 7 characters. */
  postalCode: 'sm:max-w-[11ch]',
  /** "613-580-2424", or with a +1 and spaces. */
  phone: 'sm:max-w-[19ch]',
  /** A phone extension: a few digits. */
  extension: 'sm:max-w-[10ch]',
  /** A client PIN: 8 characters, perhaps typed in groups with a space or hyphen. */
  pin: 'sm:max-w-[15ch]',
  /** A city or town. */
  city: 'sm:max-w-[26ch]',
  /** The default: names, addresses, email addresses (.input's max-w-md). */
  full: '',
} as const;

export type FieldWidth = keyof typeof WIDTHS;

/** The width a field gets from its autocomplete token when the page does not choose one. */
const WIDTH_OF_AUTOCOMPLETE: Readonly<Record<string, FieldWidth>> = {
  'postal-code': 'postalCode',
  tel: 'phone',
  'tel-extension': 'extension',
  'one-time-code': 'pin',
  'address-level2': 'city',
};

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** How wide the input is; by default, what its autocomplete token holds. */
  width?: FieldWidth;
}

/** A labelled input with its hint and inline error wired to aria-describedby. */
export function TextField({
  name,
  label,
  hint,
  error,
  id = name,
  className,
  width,
  ...input
}: TextFieldProps) {
  const fitted = WIDTHS[width ?? WIDTH_OF_AUTOCOMPLETE[input.autoComplete ?? ''] ?? 'full'];
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        name={name}
        className={`input ${fitted}`.trim()}
        {...fieldAria(id, hint, error)}
        {...input}
      />
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
