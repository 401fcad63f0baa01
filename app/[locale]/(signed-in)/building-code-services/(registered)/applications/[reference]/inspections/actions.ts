'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { isReference } from '@/lib/applications/paths';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { cancelInspection } from '@/lib/inspections/cancel-inspection';
import { requestInspection } from '@/lib/inspections/request-inspection';
import { requireRegistrationState } from '@/lib/registration/require-registration';

const applicationPath = (locale: Locale, reference: string) =>
  localizedDynamicPath('/building-code-services/applications/[reference]', locale, { reference });

/**
 * Who acts on which application, from the form's hidden reference, checked on the server: the
 * registration gate (AUTHZ-01) and a well-formed reference. The owner is checked by the domain
 * function in its transaction: anyone else's reference is the "page not found" (APP-01).
 */
async function loadReference({ locale }: ActionContext, form: FormData) {
  const { user } = await requireRegistrationState(locale, ['registered']);
  const value = form.get('reference');
  const reference = typeof value === 'string' ? value : '';
  if (!isReference(reference)) notFound();
  return { user, reference };
}

/**
 * "Demander l’inspection": the wrapper reads the five fields as text; the domain function checks
 * them (its rules depend on the day: lib/inspections/request-inspection.ts) and answers field
 * errors as message keys, with the first and last days allowed for the messages that name them.
 */
export const requestInspectionAction = formAction(
  {
    schema: z.object({
      type: z.string(),
      preferredOn: z.string(),
      period: z.string(),
      contactName: z.string(),
      contactPhone: z.string(),
    }),
    load: loadReference,
  },
  async (input, { locale, deps, loaded }) => {
    const result = await requestInspection(deps, {
      userId: loaded.user.id,
      reference: loaded.reference,
      input,
      now: deps.now(),
    });
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'not_allowed':
        redirect(applicationPath(locale, loaded.reference));
      case 'invalid':
        return { fieldErrors: result.fieldErrors, messageValues: result.messageValues };
      case 'ok':
        redirect(`${applicationPath(locale, loaded.reference)}?notice=inspectionRequested`);
    }
  },
);

/**
 * "Annuler l’inspection" beside an open inspection on the application's page. Past its deadline
 * (a page left open past 15:00 the business day before), the refusal is said beside the button.
 */
export const cancelInspectionAction = formAction(
  { schema: z.object({ inspectionId: z.string() }), load: loadReference },
  async ({ inspectionId }, { locale, deps, loaded }) => {
    const result = await cancelInspection(deps, {
      userId: loaded.user.id,
      reference: loaded.reference,
      inspectionId,
      now: deps.now(),
    });
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'too_late':
        return {
          formError: 'Inspections.section.errors.tooLate',
          messageValues: { deadline: result.deadline.getTime() },
        };
      case 'not_allowed':
        return { formError: 'Inspections.section.errors.notOpen' };
      case 'ok':
        redirect(`${applicationPath(locale, loaded.reference)}?notice=inspectionCancelled`);
    }
  },
);
