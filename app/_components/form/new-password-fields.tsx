'use client';

import { useTranslations } from 'next-intl';
import { PasswordField } from '@/app/_components/form/password-field';
import { visuallyHidden } from '@/app/_components/visually-hidden';

/**
 * A new password and its confirmation, with the rules shown before submit (PWD-06): account
 * creation, password reset and "Changer le mot de passe" share it. Needs the 'Form' namespace.
 */
export function NewPasswordFields({
  labels,
  fieldError,
  notice,
}: {
  labels: { password: string; hint: string; confirm: string };
  fieldError: (field: 'password' | 'passwordConfirm') => string | undefined;
  /** Shown at each field without an error of its own: useForm's `passwordNotice`. */
  notice?: string;
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
        notice={notice}
        showLabel={tf.rich('showPassword', visuallyHidden)}
        hideLabel={tf.rich('hidePassword', visuallyHidden)}
      />
      <PasswordField
        name="passwordConfirm"
        label={labels.confirm}
        autoComplete="new-password"
        error={fieldError('passwordConfirm')}
        notice={notice}
        showLabel={tf.rich('showPasswordConfirm', visuallyHidden)}
        hideLabel={tf.rich('hidePasswordConfirm', visuallyHidden)}
      />
    </>
  );
}
