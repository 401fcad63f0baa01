'use server';

import { notFound } from 'next/navigation';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import {
  confirmInspectionWindow,
  recordInspectionResult,
  type InspectorActionResult,
} from '@/lib/inspections/inspector-actions';
import {
  recordInspectionSchema,
  scheduleInspectionSchema,
} from '@/lib/inspections/inspector-schemas';
import { INSPECTORS } from '@/lib/staff/roles';
import { requireStaffAction } from '@/lib/staff/require-staff';

/**
 * The inspectors' actions on an inspection (issue 20). Each: a full staff session of an
 * inspector or an administrator (STF-02; another role gets "not found"), then the domain
 * function, where the inspection's table checks the role and the status again in the
 * transaction. Done, back to the inspection's page with its notice (post, redirect, get: no
 * JavaScript needed); refused, the form says why.
 */
const inspector = ({ locale }: ActionContext) => requireStaffAction(locale, INSPECTORS);

export type InspectionNotice = 'scheduled' | 'recorded' | 'closed';

function answer(result: InspectorActionResult, locale: Locale, inspectionId: string) {
  if (result.status === 'not_found') notFound();
  if (result.status === 'not_allowed') return { formError: 'StaffInspections.errors.notAllowed' };
  if (result.status === 'invalid') return { fieldErrors: result.fieldErrors as never };
  // Committed: the resident's email leaves after the response.
  deliverOutboxSoon();
  const notice: InspectionNotice =
    result.to === 'scheduled' ? 'scheduled' : result.closed ? 'closed' : 'recorded';
  return redirect({
    href: {
      pathname: '/staff/inspections/[inspectionId]',
      params: { inspectionId },
      query: { notice },
    },
    locale,
  });
}

/** "Confirmer la plage horaire" / "Confirm the time window". */
export const scheduleInspectionAction = formAction(
  { schema: scheduleInspectionSchema, load: inspector },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await confirmInspectionWindow(deps, loaded, { ...input, ip }),
      locale,
      input.inspectionId,
    ),
);

/** "Consigner le résultat" / "Record the result". */
export const recordInspectionAction = formAction(
  { schema: recordInspectionSchema, load: inspector },
  async (input, { locale, ip, deps, loaded }) =>
    answer(
      await recordInspectionResult(deps, loaded, { ...input, ip }),
      locale,
      input.inspectionId,
    ),
);
