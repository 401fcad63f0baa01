'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { confirmEmailChange } from '@/lib/accounts/confirm-email-change';
import { MAX_TOKEN_LENGTH } from '@/lib/accounts/one-time-link';
import { formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';

/**
 * The POST behind "Confirmer": the only place the token is used (CSRF-03). Success leads to
 * "Mes paramètres" (through the login page for someone signed out); a dead link to the link's
 * own explanation; an address taken in the meantime is said on the page.
 */
export const confirmEmailChangeAction = formAction(
  {
    schema: z.object({ token: z.string().transform((token) => token.slice(0, MAX_TOKEN_LENGTH)) }),
    secret: ['token'],
  },
  async ({ token }, { locale, ip, deps }) => {
    const result = await confirmEmailChange(deps, { token, ip });
    if (result === 'taken') return { formError: 'ConfirmEmailPage.errors.taken' };
    if (result !== 'changed') {
      redirect(`${localizedPath('/confirm-email', locale)}?token=${encodeURIComponent(token)}`);
    }
    redirect(`${localizedPath('/settings', locale)}?notice=emailChanged`);
  },
);
