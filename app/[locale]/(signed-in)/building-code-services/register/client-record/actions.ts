'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { normalizePin } from '@/lib/clients/pin';
import { fewTriesLeft } from '@/lib/clients/pin-rules';
import { pinTriesLeft } from '@/lib/clients/record-hint';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { buttonAction, formAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import {
  redirectToStepDue,
  requireRegistrationState,
} from '@/lib/registration/require-registration';
import { skipClientRecord } from '@/lib/registration/skip-client-record';

const pinSchema = z.object({
  pin: z.string().superRefine((value, ctx) => {
    const parsed = normalizePin(value);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `Pin.errors.${parsed.error}` });
  }),
});

const ERRORS = {
  invalid: 'Pin.errors.invalid',
  expired: 'Pin.errors.expired',
  locked: 'Pin.errors.locked',
  rate_limited: 'Pin.errors.rateLimited',
  already_linked: 'Pin.errors.alreadyLinked',
} as const;

/**
 * "Lier avec un code NIP", from the client-record step or later from "Mon profil". The account
 * comes from the session; the step from the database (PIN-01, AUTHZ-01).
 */
export const linkPinAction = formAction(
  {
    schema: pinSchema,
    load: ({ locale }) => requireRegistrationState(locale, ['needs_client_record', 'registered']),
  },
  async ({ pin }, { locale, ip, deps, loaded: { user } }) => {
    const result = await linkClientRecord(deps, { userId: user.id, pin, ip });
    switch (result.status) {
      case 'linked':
        deliverOutboxSoon();
        redirect(`${localizedPath('/building-code-services/profile', locale)}?linked=1`);
      case 'wrong_step':
        return redirectToStepDue(user.id, locale);
      case 'format':
        return { fieldErrors: { pin: `Pin.errors.${result.error}` } };
      case 'invalid': {
        // Warn before the attempts that lock linking (PIN-02): count them when few remain.
        const remaining = fewTriesLeft(await pinTriesLeft(deps.db, user.id));
        if (remaining === null) return { fieldErrors: { pin: ERRORS.invalid } };
        return { fieldErrors: { pin: 'Pin.errors.invalidFewLeft' }, messageValues: { remaining } };
      }
      default:
        return { fieldErrors: { pin: ERRORS[result.status] } };
    }
  },
);

/** "Ne pas lier et continuer": straight to the Building Code Services home (PIN-08). */
export const skipClientRecordAction = buttonAction(
  {
    refused: ({ locale }) =>
      redirect(localizedPath('/building-code-services/register/client-record', locale)),
    load: ({ locale }) => requireRegistrationState(locale, ['needs_client_record']),
  },
  async ({ locale, deps, loaded: { user } }) => {
    await skipClientRecord(deps, user.id);
    redirect(localizedPath('/building-code-services', locale));
  },
);
