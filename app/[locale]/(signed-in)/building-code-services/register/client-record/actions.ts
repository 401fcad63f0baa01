'use server';

import { redirect } from 'next/navigation';
import { unstable_update } from '@/lib/auth';
import { linkClientRecord } from '@/lib/clients/link-client-record';
import { appUrl } from '@/lib/config/app-url';
import { getDb } from '@/lib/db/client';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { actionContext } from '@/lib/forms/action-context';
import { textFields, type FormState } from '@/lib/forms/form-state';
import { localizedPath } from '@/lib/i18n/navigation';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { skipClientRecord } from '@/lib/registration/skip-client-record';

export type PinField = 'pin';

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
export async function linkPinAction(
  _previous: FormState<PinField>,
  formData: FormData,
): Promise<FormState<PinField>> {
  const ctx = await actionContext();
  const { pin } = textFields(formData, ['pin'] as const);
  const values = { pin };
  if (!ctx.sameOrigin) {
    return { status: 'error', fieldErrors: {}, formError: 'Form.sessionExpired', values };
  }
  const { user } = await requireRegistrationState(ctx.locale, [
    'needs_client_record',
    'registered',
  ]);
  const result = await linkClientRecord(
    { db: await getDb(), now: () => new Date(), appUrl: appUrl() },
    { userId: user.id, pin, ip: ctx.ip },
  );
  switch (result.status) {
    case 'linked':
      deliverOutboxSoon();
      await unstable_update({});
      redirect(`${localizedPath('/building-code-services/profile', ctx.locale)}?linked=1`);
    case 'wrong_step':
      redirect(`/api/registration/continue?locale=${ctx.locale}`);
    case 'format':
      return { status: 'error', fieldErrors: { pin: `Pin.errors.${result.error}` }, values };
    default:
      return { status: 'error', fieldErrors: { pin: ERRORS[result.status] }, values };
  }
}

/** "Ne pas lier et continuer": straight to the Building Code Services home (PIN-08). */
export async function skipClientRecordAction(): Promise<void> {
  const ctx = await actionContext();
  if (!ctx.sameOrigin)
    redirect(localizedPath('/building-code-services/register/client-record', ctx.locale));
  const { user } = await requireRegistrationState(ctx.locale, ['needs_client_record']);
  await skipClientRecord({ db: await getDb(), now: () => new Date() }, user.id);
  await unstable_update({});
  redirect(localizedPath('/building-code-services', ctx.locale));
}
