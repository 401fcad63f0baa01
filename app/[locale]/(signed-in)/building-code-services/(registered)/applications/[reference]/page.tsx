import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { findType } from '@/lib/applications/catalogue';
import { DRAFT_RETENTION_DAYS } from '@/lib/applications/list-applications';
import { loadApplication } from '@/lib/applications/load-application';
import { findOpenRequest } from '@/lib/applications/respond-to-request';
import { stepNumber } from '@/lib/applications/route-access';
import { availableEvents } from '@/lib/applications/status-machine';
import { getDb } from '@/lib/db/client';
import { PERMIT_ITEM, VISIBLE_SCAN_STATUSES } from '@/lib/documents/checklist';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { deleteDraftAction, requestWithdrawalAction } from '../actions';
import { ActionRequiredBanner } from '../_components/action-required-banner';
import { AnswerForm } from '../_components/answer-form';
import { AnswersSummary } from '../_components/answers-summary';
import { DocumentFiles } from '../_components/document-files';
import { InspectionsSection } from '../_components/inspections-section';
import { PaymentSection } from '../_components/payment-section';
import { paymentsView } from '@/lib/payments/load-payments';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = {
  params: Promise<{ locale: string; reference: string }>;
  searchParams: Promise<{ notice?: string; confirm?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ApplicationPages.application' });
  return { title: t('title', { reference: (await params).reference }) };
}

const NOTICES = [
  'submitted',
  'withdrawalRequested',
  'answered',
  'inspectionRequested',
  'inspectionCancelled',
] as const;

/**
 * An application's page: its status in words with what happens next, the timeline, the answers
 * (a draft's as saved, a submitted one's as its latest version). A draft offers "Continuer la
 * demande" and deletion; a submitted one, until a decision, the withdrawal request. Both ask
 * for confirmation on a page of their own (`?confirm=`), so they work without JavaScript.
 */
export default async function ApplicationPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference } = await params;
  const query = await searchParams;
  const db = await getDb();
  const application = await loadApplication(db, user.id, reference);
  const type = application ? findType(application.type) : null;
  if (!application || !type) redirect(localizedPath('/building-code-services', locale));
  const t = await getTranslations('ApplicationPages');
  const apps = await getTranslations('Applications');
  const documents = application.documents;
  // The City's request waiting for an answer ("Renseignements requis"), and the permit once issued.
  const request =
    application.status === 'information_required'
      ? await findOpenRequest(db, application.id)
      : null;
  const permits = documents.filter(
    (f) =>
      f.item === PERMIT_ITEM && (VISIBLE_SCAN_STATUSES as readonly string[]).includes(f.scanStatus),
  );
  const itemsWithFiles = type.documents.filter((d) => documents.some((f) => f.item === d.key));
  const payments = paymentsView(application, new Date());
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'long', timeStyle: 'short' });
  const isDraft = application.status === 'draft';
  // Locked while a payment attempt is open: the withdrawal waits for the provider's answer.
  const canWithdraw =
    !payments.openAttempt &&
    availableEvents(application.status, 'resident', {
      withdrawalRequested: application.withdrawalRequestedAt !== null,
    }).includes('request_withdrawal');
  const notice = NOTICES.find((n) => n === query.notice);
  const self = localizedDynamicPath('/building-code-services/applications/[reference]', locale, {
    reference,
  });
  // "Supprimer le brouillon" and "Retirer la demande" ask first, on this page (no JavaScript).
  const confirm =
    query.confirm === 'delete' && isDraft
      ? ({
          title: 'application.delete',
          question: 'application.deleteConfirm',
          yes: 'application.deleteYes',
          action: deleteDraftAction,
        } as const)
      : query.confirm === 'withdraw' && canWithdraw
        ? ({
            title: 'application.withdraw',
            question: 'application.withdrawConfirm',
            yes: 'application.withdrawYes',
            action: requestWithdrawalAction,
          } as const)
        : null;
  const section = 'mb-8';
  const heading = 'mb-3 text-2xl font-bold text-ottawa-navy';
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('application.title', { reference })}</h1>
      {notice ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {notice === 'submitted' ? t('application.submitted') : t(`notices.${notice}`)}
        </p>
      ) : null}
      <ActionRequiredBanner kind={application.actionRequired} dueOn={request?.dueOn} />
      <dl className="mb-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t('application.type')}</dt>
        <dd>{apps(`types.${type.key}.name` as never)}</dd>
        <dt className="font-semibold">{t('application.address')}</dt>
        <dd>{application.siteAddress ?? t('review.notProvided')}</dd>
        <dt className="font-semibold">{t('application.status')}</dt>
        <dd className="font-bold">{apps(`statuses.${application.status}` as never)}</dd>
        {application.feeCents !== null ? (
          <>
            <dt className="font-semibold">{t('application.fee')}</dt>
            <dd>
              {format.number(application.feeCents / 100, {
                style: 'currency',
                currency: 'CAD',
                currencyDisplay: 'narrowSymbol',
              })}
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="next-title" className={section}>
        <h2 id="next-title" className={heading}>
          {t('application.nextTitle')}
        </h2>
        <p className="max-w-prose">{t(`next.${application.status}` as never)}</p>
        {application.withdrawalRequestedAt ? (
          <p className="mt-2 max-w-prose">
            {t('application.withdrawalRequested', { date: application.withdrawalRequestedAt })}
          </p>
        ) : null}
        {isDraft ? (
          <>
            <p className="mt-2 max-w-prose">
              {t('application.deletesOn', {
                date: new Date(
                  application.lastSavedAt.getTime() + DRAFT_RETENTION_DAYS * 86_400_000,
                ),
              })}
            </p>
            <p className="mt-4">
              <a
                className="btn-primary"
                href={localizedDynamicPath(
                  '/building-code-services/applications/[reference]/step/[step]',
                  locale,
                  { reference, step: stepNumber(type, application.currentStep) },
                )}
              >
                {t('application.continue')}
              </a>
            </p>
          </>
        ) : null}
      </section>

      {request ? (
        <section
          aria-labelledby="answer-title"
          className="mb-8 rounded border-2 border-ottawa-navy p-5"
        >
          <h2 id="answer-title" className={heading}>
            {t('answer.title')}
          </h2>
          <p className="mb-3 font-semibold">
            {t('answer.dueOn', { date: new Date(`${request.dueOn}T12:00:00Z`) })}
          </p>
          <h3 className="mb-1 font-semibold">{t('answer.messageFromCity')}</h3>
          <p className="mb-4 max-w-prose whitespace-pre-line">{request.message}</p>
          <h3 className="mb-1 font-semibold">{t('answer.items')}</h3>
          <ul className="mb-4 max-w-prose list-disc space-y-2 pl-6">
            {request.items.map((item, i) => (
              <li key={i}>
                <span className="font-semibold">{t(`answer.kinds.${item.kind}`)}</span>{' '}
                <span className="whitespace-pre-line">{item.message}</span>
              </li>
            ))}
          </ul>
          {type.steps.some((s) => s.kind === 'documents') ? (
            <p className="mb-4 max-w-prose">
              {t('answer.documentsIntro')}{' '}
              <a
                href={localizedDynamicPath(
                  '/building-code-services/applications/[reference]/step/[step]',
                  locale,
                  { reference, step: stepNumber(type, 'documents') },
                )}
              >
                {t('answer.documentsLink')}
              </a>
            </p>
          ) : null}
          <ClientMessages namespaces={['ApplicationPages']}>
            <AnswerForm reference={reference} pageTitle={t('application.title', { reference })} />
          </ClientMessages>
        </section>
      ) : null}

      {permits.length > 0 ? (
        <section aria-labelledby="permit-title" className={section}>
          <h2 id="permit-title" className={heading}>
            {t('application.permit')}
          </h2>
          <p className="mb-2 max-w-prose">{t('application.permitIntro')}</p>
          <DocumentFiles files={permits} locale={locale} />
        </section>
      ) : null}

      <InspectionsSection
        application={application}
        reference={reference}
        locale={locale}
        now={new Date()}
      />

      <PaymentSection payments={payments} reference={reference} locale={locale} />

      {confirm ? (
        <section aria-labelledby="confirm-title" className="mb-8 rounded border-2 border-error p-5">
          <h2 id="confirm-title" className={heading}>
            {t(confirm.title)}
          </h2>
          <p className="mb-4">{t(confirm.question)}</p>
          <form action={confirm.action} className="flex flex-wrap items-center gap-4">
            <input type="hidden" name="reference" value={reference} />
            <button type="submit" className="btn-primary">
              {t(confirm.yes)}
            </button>
            <a href={self}>{t('application.cancel')}</a>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="timeline-title" className={section}>
        <h2 id="timeline-title" className={heading}>
          {t('application.timeline')}
        </h2>
        <ol className="max-w-2xl space-y-2 border-l-4 border-neutral-300 pl-4">
          {application.events.map((event, i) => (
            <li key={i}>
              <p className="font-semibold">{apps(`events.${event.type}` as never)}</p>
              <p className="text-neutral-700">
                {t('application.eventLine', {
                  date: date(event.occurredAt),
                  actor: t(`application.actor.${event.actorRole}` as never),
                })}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="answers-title" className={section}>
        <h2 id="answers-title" className={heading}>
          {isDraft ? t('application.answersDraft') : t('application.answers')}
        </h2>
        {application.version !== null && application.submittedAt ? (
          <p className="mb-4">
            {t('application.version', {
              version: application.version,
              date: application.submittedAt,
            })}
          </p>
        ) : null}
        <AnswersSummary
          type={type}
          answers={application.answers}
          reference={reference}
          locale={locale}
          changeLinks={false}
          level={3}
        />
      </section>

      {type.documents.length > 0 ? (
        <section aria-labelledby="documents-title" className={section}>
          <h2 id="documents-title" className={heading}>
            {t('application.documents')}
          </h2>
          {itemsWithFiles.length === 0 ? <p>{t('application.documentsNone')}</p> : null}
          {itemsWithFiles.map((d) => (
            <div key={d.key} className="max-w-2xl">
              <h3 className="mb-1 font-semibold">{apps(`documents.${d.key}.name` as never)}</h3>
              <DocumentFiles files={documents.filter((f) => f.item === d.key)} locale={locale} />
            </div>
          ))}
        </section>
      ) : null}

      {isDraft && query.confirm !== 'delete' ? (
        <p>
          <a href={`${self}?confirm=delete`}>{t('application.delete')}</a>
        </p>
      ) : null}
      {canWithdraw && query.confirm !== 'withdraw' ? (
        <p>
          <a href={`${self}?confirm=withdraw`}>{t('application.withdraw')}</a>
        </p>
      ) : null}
    </main>
  );
}
