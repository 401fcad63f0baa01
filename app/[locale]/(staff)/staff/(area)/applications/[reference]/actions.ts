'use server';

import { notFound } from 'next/navigation';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import {
  acceptComplete,
  addStaffNote,
  approveApplication,
  assignApplication,
  confirmWithdrawal,
  refuseApplication,
  requestInformation,
  startCompletenessCheck,
} from '@/lib/staff/application-actions/actions';
import type { StaffActionResult } from '@/lib/staff/application-actions/run-staff-action';
import {
  approveSchema,
  assignSchema,
  commentSchema,
  informationRequestSchema,
  noteSchema,
  refuseSchema,
  withdrawalSchema,
} from '@/lib/staff/application-actions/schemas';
import { ANY_STAFF } from '@/lib/staff/roles';
import { requireStaffAction } from '@/lib/staff/require-staff';

/**
 * The staff actions on an application (issue 19). Every one: a full staff session (STF-02), then
 * the domain function, where the status machine checks the role and the status again in the
 * transaction. Done, back to the page with its notice (the page is read again: post, redirect,
 * get — no JavaScript needed); refused, the form says why.
 */
const staffMember = ({ locale }: ActionContext) => requireStaffAction(locale, ANY_STAFF);

export type ActionNotice =
  | 'checkStarted'
  | 'accepted'
  | 'informationRequested'
  | 'assigned'
  | 'approved'
  | 'refused'
  | 'withdrawalConfirmed'
  | 'noteAdded'
  // permit-and-charge-form-actions.ts
  | 'permitIssued'
  | 'chargeAdded';

function back(locale: Locale, reference: string, notice: ActionNotice): never {
  return redirect({
    href: {
      pathname: '/staff/applications/[reference]',
      params: { reference },
      query: { notice },
    },
    locale,
  });
}

function answer(
  result: StaffActionResult,
  locale: Locale,
  reference: string,
  notice: ActionNotice,
) {
  if (result.status === 'not_found') notFound();
  if (result.status === 'not_allowed')
    return { formError: 'StaffApplicationPage.errors.notAllowed' };
  if (result.status === 'invalid') return { fieldErrors: result.fieldErrors as never };
  // Committed: the resident's email (if the action sends one) leaves after the response.
  deliverOutboxSoon();
  return back(locale, reference, notice);
}

export const startCheckAction = formAction(
  { schema: commentSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await startCompletenessCheck(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'checkStarted',
    ),
);

export const acceptAction = formAction(
  { schema: commentSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await acceptComplete(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'accepted',
    ),
);

export const requestInformationAction = formAction(
  { schema: informationRequestSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await requestInformation(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'informationRequested',
    ),
);

export const assignAction = formAction(
  { schema: assignSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await assignApplication(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'assigned',
    ),
);

export const approveAction = formAction(
  { schema: approveSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await approveApplication(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'approved',
    ),
);

export const refuseAction = formAction(
  { schema: refuseSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await refuseApplication(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'refused',
    ),
);

export const confirmWithdrawalAction = formAction(
  { schema: withdrawalSchema, load: staffMember },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await confirmWithdrawal(deps, loaded, { ...input, ip }),
      locale,
      input.reference,
      'withdrawalConfirmed',
    ),
);

export const addNoteAction = formAction(
  { schema: noteSchema, load: staffMember },
  async ({ reference, note }, { locale, ip, deps, loaded }) => {
    const result = await addStaffNote(deps, loaded, { reference, body: note, ip });
    if (result === 'not_found') notFound();
    if (result === 'invalid')
      return { fieldErrors: { note: 'StaffApplicationPage.errors.noteRequired' } };
    return back(locale, reference, 'noteAdded');
  },
);
