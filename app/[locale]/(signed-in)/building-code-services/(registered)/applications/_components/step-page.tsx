import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { ProfileSummary } from '@/app/_components/profile/profile-summary';
import { getContactDetails } from '@/lib/accounts/contact-details';
import type { ApplicationTypeDef, StepDef } from '@/lib/applications/catalogue';
import { computeFee } from '@/lib/applications/fees';
import { stepNumber } from '@/lib/applications/route-access';
import {
  answerAsText,
  firstInvalidStep,
  type ApplicationAnswers,
} from '@/lib/applications/step-schema';
import { getDb } from '@/lib/db/client';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { listDocuments } from '@/lib/documents/list-documents';
import type { UploadOutcome } from '@/lib/documents/upload-outcome';
import { AnswersSummary } from './answers-summary';
import { DocumentsStep } from './documents-step';
import { FeeTable } from './fee-table';
import { ReviewForm } from './review-form';
import { StepForm } from './step-form';
import { StepList } from './step-list';

/**
 * One step of an application, whatever its kind: a form step, the documents checklist, or the
 * review and declaration. `reference` is null before the first save (the first step of a new
 * application). `incomplete`: a submission found this step incomplete; its errors show at once.
 */
export async function StepPage({
  locale,
  userId,
  type,
  step,
  reference,
  answers,
  saved,
  incomplete,
  documentsView,
  answeringSince,
}: {
  locale: Locale;
  userId: string;
  type: ApplicationTypeDef;
  step: StepDef;
  reference: string | null;
  answers: ApplicationAnswers;
  saved: boolean;
  incomplete: boolean;
  /** The Documents step's query: an upload's outcome, a submit refused for missing files. */
  documentsView?: { outcome: UploadOutcome | null; missing: boolean; removed: boolean };
  /**
   * The Documents step of an application answering a request for information: the time of the
   * request (only files added since may be removed); no step list, a link back to the answer.
   */
  answeringSince?: Date;
}) {
  const t = await getTranslations('ApplicationPages');
  const steps = await getTranslations('Applications.steps');
  const types = await getTranslations('Applications.types');
  const title = steps(`${step.key}.title` as never);
  const typeName = types(`${type.key}.name` as never);
  const heading = (
    <>
      <p className="mb-1 font-semibold">
        {reference
          ? t('step.reference', { reference })
          : t('step.newApplication', { type: typeName })}
      </p>
      {answeringSince ? null : (
        <StepList type={type} current={step.key} reference={reference} locale={locale} />
      )}
      {saved ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t('step.saved')}
        </p>
      ) : null}
    </>
  );
  const back =
    type.steps.indexOf(step) > 0 && reference ? (
      <p className="mt-8">
        <a
          href={localizedDynamicPath(
            '/building-code-services/applications/[reference]/step/[step]',
            locale,
            { reference, step: String(type.steps.indexOf(step)) },
          )}
        >
          {t('step.back')}
        </a>
      </p>
    ) : null;

  if (step.kind === 'form') {
    const stored = answers[step.key] ?? {};
    const values = Object.fromEntries(
      step.fields.map((f) => [f.key, answerAsText(f, stored[f.key])]),
    );
    const invalid = incomplete ? firstInvalidStep(type, answers) : null;
    const contact = step.showsProfile ? await getContactDetails(await getDb(), userId) : null;
    return (
      <>
        <ClientMessages namespaces={['Applications', 'ApplicationPages']}>
          <StepForm
            title={title}
            reference={reference}
            typePrefix={type.prefix}
            stepKey={step.key}
            fields={step.fields}
            initialValues={values}
            initialErrors={invalid?.step === step.key ? invalid.fieldErrors : undefined}
            before={
              <>
                {heading}
                {contact ? (
                  <section className="mb-6 max-w-2xl rounded border-2 border-neutral-300 p-5">
                    <p className="mb-2 font-semibold">{t('step.applicantFromProfile')}</p>
                    <ProfileSummary profile={contact} compact />
                    <p className="mt-3">
                      <AppLink href="/settings/contact-details">{t('step.changeProfile')}</AppLink>
                    </p>
                  </section>
                ) : null}
              </>
            }
          />
        </ClientMessages>
        {back}
      </>
    );
  }

  const next = type.steps[type.steps.indexOf(step) + 1];
  if (step.kind === 'documents' && reference) {
    const documents = await listDocuments(await getDb(), userId, reference);
    return (
      <>
        <DocumentsStep
          locale={locale}
          type={type}
          reference={reference}
          answers={answers}
          documents={documents}
          outcome={documentsView?.outcome ?? null}
          missing={documentsView?.missing ?? false}
          removed={documentsView?.removed ?? false}
          title={title}
          heading={heading}
          removableSince={answeringSince}
        />
        {answeringSince ? (
          <p className="mt-8">
            <a
              className="btn-primary"
              href={`${localizedDynamicPath('/building-code-services/applications/[reference]', locale, { reference })}#answer-title`}
            >
              {t('answer.backToAnswer')}
            </a>
          </p>
        ) : next ? (
          <a
            className="btn-primary"
            href={localizedDynamicPath(
              '/building-code-services/applications/[reference]/step/[step]',
              locale,
              { reference, step: stepNumber(type, next.key) },
            )}
          >
            {t('step.next')}
          </a>
        ) : null}
        {answeringSince ? null : back}
      </>
    );
  }

  // The review and declaration.
  const fee = computeFee(type, answers);
  return (
    <>
      <ClientMessages namespaces={['ApplicationPages']}>
        <ReviewForm title={title} reference={reference!} feeDue={(fee?.totalCents ?? 1) > 0}>
          {heading}
          <p className="mb-6 max-w-prose">{t('review.intro')}</p>
          <AnswersSummary
            type={type}
            answers={answers}
            reference={reference!}
            locale={locale}
            changeLinks
          />
          <FeeTable fee={fee} />
        </ReviewForm>
      </ClientMessages>
      {back}
    </>
  );
}
