'use server';

import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getContactDetails, type ContactDetails } from '@/lib/accounts/contact-details';
import { findStep, findTypeByPrefix, type StepDef } from '@/lib/applications/catalogue';
import { deleteDraft } from '@/lib/applications/delete-draft';
import { isReference } from '@/lib/applications/paths';
import { requestWithdrawal } from '@/lib/applications/request-withdrawal';
import { ANSWER_MAX_LENGTH, respondToRequest } from '@/lib/applications/respond-to-request';
import { stepNumber } from '@/lib/applications/route-access';
import { saveApplicationStep } from '@/lib/applications/save-application-step';
import { stepSchema, type StepAnswers } from '@/lib/applications/step-schema';
import { submitApplication } from '@/lib/applications/submit-application';
import { removeDocument } from '@/lib/documents/remove-document';
import { documentDeps } from '@/lib/documents/runtime';
import { deliverOutboxSoon } from '@/lib/email/deliver';
import { buttonAction, formAction, type ActionContext } from '@/lib/forms/form-action';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { appUrl } from '@/lib/config/app-url';
import { loadAttempt } from '@/lib/payments/load-payments';
import { paymentProvider } from '@/lib/payments/runtime';
import { paymentReturnPath, startPayment } from '@/lib/payments/start-payment';
import { TEST_SIGNATURE_HEADER, testNotification } from '@/lib/payments/test-provider';

type FormStep = Extract<StepDef, { kind: 'form' }>;

/** Contact details without their change time: what a submitted version keeps. */
function withoutTime(contact: ContactDetails): Record<string, string | null> {
  const details: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(contact)) {
    if (typeof value === 'string' || value === null) details[key] = value;
  }
  return details;
}

const stepPath = (locale: Locale, reference: string, step: string) =>
  localizedDynamicPath('/building-code-services/applications/[reference]/step/[step]', locale, {
    reference,
    step,
  });
const applicationPath = (locale: Locale, reference: string) =>
  localizedDynamicPath('/building-code-services/applications/[reference]', locale, { reference });

/** A form field read as text ('' when absent or a file). */
const text = (form: FormData | undefined, name: string) => {
  const value = form?.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * Who is acting on which application step, from the form's hidden fields, checked on the server:
 * the registration gate (AUTHZ-01), a known type and step. The owner is checked by the domain
 * function, in its transaction. Anything else is the "page not found".
 */
async function loadStep({ locale }: ActionContext, form: FormData) {
  const { user } = await requireRegistrationState(locale, ['registered']);
  const reference = text(form, 'reference');
  const prefix = reference ? reference.slice(0, 3) : text(form, 'type');
  const type = findTypeByPrefix(prefix);
  const step = type ? findStep(type, text(form, 'step')) : null;
  if (!type || step?.kind !== 'form' || (reference && !isReference(reference))) notFound();
  const intent = text(form, 'intent') === 'save' ? ('save' as const) : ('next' as const);
  return { user, type, step: step as FormStep, reference: reference || null, intent };
}

/**
 * "Enregistrer" and "Suivant" on a step. "Suivant" checks the whole page; "Enregistrer" keeps
 * what is answered, checking each answer given but not asking for the missing ones.
 */
export const saveStepAction = formAction(
  {
    // Missing fields default to '' in the step schema; the form always sends text.
    schema: (loaded: Awaited<ReturnType<typeof loadStep>>) =>
      stepSchema(loaded.step, { partial: loaded.intent === 'save' }) as unknown as z.ZodType<
        StepAnswers,
        Record<string, string>
      >,
    load: loadStep,
  },
  async (answers, { locale, deps, loaded }) => {
    const result = await saveApplicationStep(deps, {
      userId: loaded.user.id,
      locale,
      typeKey: loaded.type.key,
      reference: loaded.reference,
      step: loaded.step.key,
      answers,
      advance: loaded.intent === 'next',
    });
    if (result.status === 'not_found') notFound();
    if (result.status === 'not_editable') redirect(applicationPath(locale, loaded.reference!));
    // The first save queued the email with the reference: send it now, not at the next cron.
    if (result.created) deliverOutboxSoon();
    if (loaded.intent === 'save' || !result.nextStep) {
      redirect(
        `${stepPath(locale, result.reference, stepNumber(loaded.type, loaded.step.key))}?saved=1`,
      );
    }
    redirect(stepPath(locale, result.reference, stepNumber(loaded.type, result.nextStep)));
  },
);

async function loadReference({ locale }: ActionContext, form: FormData | undefined) {
  const { user } = await requireRegistrationState(locale, ['registered']);
  const reference = text(form, 'reference');
  if (!isReference(reference)) notFound();
  return { user, reference };
}

/** "Soumettre" / "Soumettre et payer": the declaration, then the whole application checked again. */
export const submitApplicationAction = formAction(
  {
    schema: z.object({
      declaration: z
        .string()
        .default('')
        .refine((v) => v === 'on', {
          message: 'ApplicationPages.review.declarationRequired',
        }),
    }),
    load: loadReference,
  },
  async (_data, { locale, deps, loaded }) => {
    const contact = await getContactDetails(deps.db, loaded.user.id);
    // The words the resident declared, as the review page showed them, are kept with the submit.
    const review = await getTranslations({ locale, namespace: 'ApplicationPages.review' });
    const result = await submitApplication(deps, {
      userId: loaded.user.id,
      reference: loaded.reference,
      declaration: { text: review('declaration'), locale },
      // The applicant's contact details as they are at submission: the version keeps them.
      applicant: contact ? withoutTime(contact) : undefined,
    });
    switch (result.status) {
      case 'invalid': {
        const type = findTypeByPrefix(loaded.reference.slice(0, 3))!;
        redirect(
          `${stepPath(locale, loaded.reference, stepNumber(type, result.step))}?incomplete=1`,
        );
      }
      case 'documents_missing': {
        // The Documents step names each missing item in its error summary, linked to its upload.
        const type = findTypeByPrefix(loaded.reference.slice(0, 3))!;
        redirect(`${stepPath(locale, loaded.reference, stepNumber(type, 'documents'))}?missing=1`);
      }
      case 'declaration_missing':
        return { fieldErrors: { declaration: 'ApplicationPages.review.declarationRequired' } };
      case 'not_found':
        notFound();
      case 'ok':
        // The submission email is queued with the submit: send it now, not at the next cron.
        deliverOutboxSoon();
        redirect(`${applicationPath(locale, loaded.reference)}?notice=submitted`);
      case 'not_draft':
        redirect(applicationPath(locale, loaded.reference));
    }
  },
);

/**
 * "Envoyer la réponse" / "Send response": the answer to the City's request for information (a
 * new submission version). The owner is checked in the domain function's transaction: anyone
 * else gets the page not found; an answer already sent goes back to the application's page.
 */
export const respondToRequestAction = formAction(
  {
    schema: z.object({
      message: z
        .string()
        .default('')
        .transform((v) => v.trim())
        .pipe(
          z
            .string()
            .min(1, 'ApplicationPages.answer.message.errors.required')
            .max(ANSWER_MAX_LENGTH, 'ApplicationPages.answer.message.errors.tooLong'),
        ),
    }),
    load: loadReference,
  },
  async ({ message }, { locale, deps, loaded }) => {
    const contact = await getContactDetails(deps.db, loaded.user.id);
    const result = await respondToRequest(deps, {
      userId: loaded.user.id,
      reference: loaded.reference,
      message,
      applicant: contact ? withoutTime(contact) : undefined,
    });
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'invalid_message':
        return { fieldErrors: { message: 'ApplicationPages.answer.message.errors.required' } };
      case 'documents_missing':
        return { formError: 'ApplicationPages.answer.documentsMissing' };
      case 'ok':
        redirect(`${applicationPath(locale, loaded.reference)}?notice=answered`);
      case 'not_open':
        redirect(applicationPath(locale, loaded.reference));
    }
  },
);

/** "Oui, supprimer le brouillon". */
export const deleteDraftAction = buttonAction(
  {
    refused: ({ locale }) => redirect(localizedPath('/building-code-services', locale)),
  },
  async (ctx, form) => {
    const { locale, deps } = ctx;
    const { user, reference } = await loadReference(ctx, form);
    const result = await deleteDraft(deps, { userId: user.id, reference });
    if (result === 'not_found') notFound();
    if (result === 'ok') {
      redirect(
        `${localizedPath('/building-code-services', locale)}?notice=draftDeleted&reference=${reference}`,
      );
    }
    redirect(applicationPath(locale, reference));
  },
);

/** "Oui, retirer la demande". */
export const requestWithdrawalAction = buttonAction(
  {
    refused: ({ locale }) => redirect(localizedPath('/building-code-services', locale)),
  },
  async (ctx, form) => {
    const { locale, deps } = ctx;
    const { user, reference } = await loadReference(ctx, form);
    const result = await requestWithdrawal(deps, { userId: user.id, reference });
    if (result === 'not_found') notFound();
    redirect(
      result === 'ok'
        ? `${applicationPath(locale, reference)}?notice=withdrawalRequested`
        : applicationPath(locale, reference),
    );
  },
);

/** "Retirer" beside a file of the Documents step: back to the step, or to the application's page. */
export const removeDocumentAction = buttonAction(
  {
    refused: ({ locale }) => redirect(localizedPath('/building-code-services', locale)),
  },
  async (ctx, form) => {
    const { locale } = ctx;
    const { user, reference } = await loadReference(ctx, form);
    const result = await removeDocument(await documentDeps(), {
      userId: user.id,
      reference,
      documentId: text(form, 'documentId'),
    });
    if (result === 'not_found') notFound();
    if (result === 'not_editable') redirect(applicationPath(locale, reference));
    const type = findTypeByPrefix(reference.slice(0, 3))!;
    redirect(`${stepPath(locale, reference, stepNumber(type, 'documents'))}?removed=1`);
  },
);

/**
 * "Payer": a plain form (the reference only). The amount is the stored invoice's; the resident
 * is sent to the provider's page, or to the return page when the provider cannot be reached.
 */
export const startPaymentAction = buttonAction(
  {
    refused: ({ locale }) => redirect(localizedPath('/building-code-services', locale)),
  },
  async (ctx, form) => {
    const { locale, deps } = ctx;
    const { user, reference } = await loadReference(ctx, form);
    const type = findTypeByPrefix(reference.slice(0, 3));
    const apps = await getTranslations({ locale, namespace: 'Applications' });
    const result = await startPayment(
      { ...deps, provider: paymentProvider() },
      {
        userId: user.id,
        reference,
        locale,
        description: type ? `${apps(`types.${type.key}.name` as never)} ${reference}` : reference,
      },
    );
    switch (result.status) {
      case 'not_found':
        notFound();
      case 'redirect':
        redirect(result.url);
      case 'pending':
        redirect(`${paymentReturnPath(locale, reference)}?attempt=${result.attemptId}`);
      case 'provider_error':
        redirect(`${paymentReturnPath(locale, reference)}?result=unavailable`);
      case 'nothing_due':
        redirect(applicationPath(locale, reference));
    }
  },
);

/**
 * The test provider's buttons ("Payer (test)", "Refuser (test)", "Annuler"): a notification
 * signed with the test provider's key, POSTed to the webhook route as a real provider would,
 * then the return page. Only with PAYMENT_PROVIDER=test, only for the owner's open attempt.
 */
export const testPaymentAction = buttonAction(
  {
    refused: ({ locale }) => redirect(localizedPath('/building-code-services', locale)),
  },
  async (ctx, form) => {
    const { locale, deps } = ctx;
    const { user, reference } = await loadReference(ctx, form);
    const provider = paymentProvider();
    const session = text(form, 'session');
    const outcome = ({ pay: 'paid', refuse: 'failed', cancel: 'cancelled' } as const)[
      text(form, 'outcome') as 'pay' | 'refuse' | 'cancel'
    ];
    if (provider.name !== 'test' || !outcome) notFound();
    const attempt = await loadAttempt(deps.db, user.id, reference, {
      provider: 'test',
      checkoutReference: session,
    });
    if (!attempt) notFound();
    const back = `${paymentReturnPath(locale, reference)}?attempt=${attempt.id}`;
    if (attempt.status === 'open') {
      const signed = testNotification(session, outcome, attempt.amountCents);
      try {
        const response = await fetch(`${appUrl()}/api/payments/webhook`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TEST_SIGNATURE_HEADER]: signed.signature,
          },
          body: signed.body,
        });
        if (!response.ok) console.error(`[payments] the test webhook answered ${response.status}`);
      } catch (error) {
        // The return page then says the payment is being confirmed, as with a late webhook.
        console.error(
          '[payments] the test provider could not reach the webhook:',
          error instanceof Error ? error.message : String(error),
        );
      }
    }
    redirect(outcome === 'cancelled' ? `${back}&result=cancelled` : back);
  },
);
