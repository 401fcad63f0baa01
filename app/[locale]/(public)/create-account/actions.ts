'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { countRegistrationAttempt, createAccount } from '@/lib/accounts/create-account';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { rememberPendingEmail } from '@/lib/accounts/pending-email-cookie';
import { createAccountSchema } from '@/lib/accounts/schemas';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/** "Créez votre compte": an invalid form counts against the address's sign-up limit too. */
export const createAccountAction = formAction(
  {
    schema: createAccountSchema,
    secret: ['password', 'passwordConfirm'],
    onInvalid: async ({ ip, deps }) =>
      (await countRegistrationAttempt(deps, ip))
        ? undefined
        : { formError: 'Form.tooManyRequests' },
  },
  async (data, { locale, ip, deps }) => {
    const terms = await getTranslations({ locale, namespace: 'Terms' });
    const result = await createAccount(deps, {
      email: data.email,
      password: data.password,
      locale,
      termsVersion: terms('version'),
      ip,
    });
    if (result === 'rate_limited') return { formError: 'Form.tooManyRequests' };
    deliverOutboxSoon();
    await rememberPendingEmail(normalizeEmail(data.email));
    redirect(localizedPath('/create-account/check-email', locale));
  },
);
