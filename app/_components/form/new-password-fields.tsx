'use client';

import { useTranslations } from 'next-intl';
import { PasswordField } from '@/app/_components/form/password-field';

/**
 * A new password and its confirmation, with the rules shown before submit (PWD-06): account
 * creation, password reset and "Changer le mot de passe" share it. Needs the 'Form' namespace.
 */
export function NewPasswordFields({
  labels,
  fieldError,
}: {
  labels: { password: string; hint: string; confirm: string };
  fieldError: (field: 'password' | 'passwordConfirm') => string | undefined;
}) {
  const tf = useTranslations('Form');
  return (
    <>
      <PasswordField
        name="password"
        label={labels.password}
        hint={labels.hint}
        autoComplete="new-password"
        error={fieldError('password')}
        showLabel={tf('showPassword')}
        hideLabel={tf('hidePassword')}
      />
      <PasswordField
        name="passwordConfirm"
        label={labels.confirm}
        autoComplete="new-password"
        error={fieldError('passwordConfirm')}
        showLabel={tf('showPasswordConfirm')}
        hideLabel={tf('hidePasswordConfirm')}
      />
    </>
  );
}
