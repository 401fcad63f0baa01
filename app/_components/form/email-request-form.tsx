'use client';

import { ErrorSummary } from '@/app/_components/form/error-summary';
import { EmailField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { FormState } from '@/lib/forms/form-state';

/**
 * A page whose whole form is one email address: "Renvoyer le lien" (resend activation) and
 * "Mot de passe oublié" (reset link). The page passes its texts and its server action.
 */
export function EmailRequestForm({
  action,
  texts,
}: {
  action: (previous: FormState<'email'>, formData: FormData) => Promise<FormState<'email'>>;
  texts: { title: string; intro: string; email: string; submit: string };
}) {
  const { state, formAction, pending, fieldError, items, formError } = useForm(action);
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={texts.title} />
      <h1 className="page-title">{texts.title}</h1>
      <p className="mb-6 max-w-prose">{texts.intro}</p>
      <form action={formAction} noValidate>
        <EmailField
          name="email"
          label={texts.email}
          defaultValue={state.values.email}
          error={fieldError('email')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {texts.submit}
        </button>
      </form>
    </>
  );
}
