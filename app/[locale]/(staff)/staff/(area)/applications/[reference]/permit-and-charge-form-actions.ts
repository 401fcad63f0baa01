'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { parseDollarsToCents } from '@/lib/applications/step-schema';
import { documentDeps } from '@/lib/documents/runtime';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import {
  addStaffCharge,
  CHARGE_DESCRIPTION_MAX,
  CHARGE_REASON_MAX,
  MAX_CHARGE_CENTS,
} from '@/lib/staff/add-charge';
import { issuePermit } from '@/lib/staff/issue-permit';
import { requireStaffAction } from '@/lib/staff/require-staff';
import { rolesAllowedTo } from '@/lib/staff/event-roles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const applicationId = z.string().default('').pipe(z.string().regex(UUID));
/** The page to come back to (post, redirect, get): the application's reference. */
const reference = z
  .string()
  .default('')
  .pipe(z.string().regex(/^[A-Z]{3}-\d{4}-\d{6}$/));

function backWith(locale: Locale, ref: string, notice: 'permitIssued' | 'chargeAdded'): never {
  return redirect({
    href: {
      pathname: '/staff/applications/[reference]',
      params: { reference: ref },
      query: { notice },
    },
    locale,
  });
}
const keys = 'StaffPermitAndCharge';

/** A full staff session (both factors) of a role the status machine allows: else 404 (STF-02). */
const staffFor =
  (event: 'issue' | 'add_charge') =>
  ({ locale }: ActionContext) =>
    requireStaffAction(locale, rolesAllowedTo(event));

/**
 * "Délivrer le permis" / "Issue the permit": the PDF, its document row, the event, the audit
 * entry and the resident's email (lib/staff/issue-permit.ts). The status and any charge left to
 * pay are checked again there, on the locked application.
 */
export const issuePermitAction = formAction(
  { schema: z.object({ applicationId, reference }), load: staffFor('issue') },
  async (input, { locale, ip, deps, loaded }) => {
    const { storage } = await documentDeps();
    const result = await issuePermit(
      { ...deps, storage },
      {
        applicationId: input.applicationId,
        staff: { id: loaded.id, role: loaded.role, name: loaded.name },
        now: deps.now(),
        ip,
      },
    );
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'charge_outstanding':
        return { formError: `${keys}.issue.chargeOutstanding` };
      case 'not_allowed':
        return { formError: `${keys}.notAllowed` };
      case 'ok':
        deliverOutboxSoon();
        return backWith(locale, input.reference, 'permitIssued');
    }
  },
);

const chargeSchema = z.object({
  applicationId,
  reference,
  amount: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const text = raw.trim();
      const cents = text ? parseDollarsToCents(text) : null;
      const error = !text
        ? 'required'
        : cents === null || cents <= 0
          ? 'invalid'
          : cents > MAX_CHARGE_CENTS
            ? 'tooLarge'
            : null;
      if (error) {
        ctx.addIssue({ code: 'custom', message: `${keys}.charge.amount.errors.${error}` });
        return z.NEVER;
      }
      return cents!;
    }),
  description: z
    .string()
    .default('')
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, `${keys}.charge.description.errors.required`)
        .max(CHARGE_DESCRIPTION_MAX, `${keys}.charge.description.errors.tooLong`),
    ),
  reason: z
    .string()
    .default('')
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, `${keys}.charge.reason.errors.required`)
        .max(CHARGE_REASON_MAX, `${keys}.charge.reason.errors.tooLong`),
    ),
});

/**
 * "Ajouter des frais" / "Add a charge": an amount in dollars (integer cents from here on), what
 * it is for (on the invoice and in the email) and the reason (in the audit trail).
 */
export const addChargeAction = formAction(
  { schema: chargeSchema, load: staffFor('add_charge') },
  async (input, { locale, ip, deps, loaded }) => {
    const result = await addStaffCharge(deps, {
      applicationId: input.applicationId,
      staff: { id: loaded.id, role: loaded.role, name: loaded.name },
      lines: [{ description: input.description, amountCents: input.amount }],
      reason: input.reason,
      now: deps.now(),
      ip,
    });
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'not_allowed':
        return { formError: `${keys}.notAllowed` };
      case 'invalid':
        return { formError: `${keys}.charge.invalid` };
      case 'ok':
        deliverOutboxSoon();
        return backWith(locale, input.reference, 'chargeAdded');
    }
  },
);
