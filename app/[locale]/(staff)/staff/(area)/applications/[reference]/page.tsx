import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { AnswersSummary } from '@/app/[locale]/(signed-in)/building-code-services/(registered)/applications/_components/answers-summary';
import { DocumentFiles } from '@/app/[locale]/(signed-in)/building-code-services/(registered)/applications/_components/document-files';
import { InvoiceTable } from '@/app/[locale]/(signed-in)/building-code-services/(registered)/applications/_components/invoice-table';
import { findType } from '@/lib/applications/catalogue';
import { PERMIT_ITEM } from '@/lib/documents/checklist';
import { availableEvents } from '@/lib/applications/status-machine';
import { parseDate } from '@/lib/staff/plain-date-view';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import { defaultInformationDueOn } from '@/lib/staff/application-actions/actions';
import { STAFF_AUDIT_ACTIONS } from '@/lib/staff/audit';
import { loadStaffApplication } from '@/lib/staff/load-staff-application';
import { ANY_STAFF } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../../staff-not-found';
import type { ActionNotice } from './actions';
import {
  AssignForm,
  NoteForm,
  RequestInformationForm,
  SimpleActionForm,
  type SimpleActionName,
} from './action-forms';
import { InspectionsSection } from './inspections-section';
import { PermitAndChargeActions } from './permit-and-charge-actions';

type Props = {
  params: Promise<{ locale: string; reference: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffApplicationPage' });
  return { title: t('title', { reference: (await params).reference }) };
}

const NOTICES: readonly ActionNotice[] = [
  'checkStarted',
  'accepted',
  'informationRequested',
  'assigned',
  'approved',
  'refused',
  'withdrawalConfirmed',
  'noteAdded',
  'permitIssued',
  'chargeAdded',
];
const KNOWN_AUDIT: ReadonlySet<string> = new Set(STAFF_AUDIT_ACTIONS);
/** The moves with a form of one text field, by the status machine's event. */
const SIMPLE: Partial<Record<string, SimpleActionName>> = {
  start_completeness_check: 'startCheck',
  accept_complete: 'accept',
  approve: 'approve',
  refuse: 'refuse',
  confirm_withdrawal: 'confirmWithdrawal',
};

/**
 * One application as staff see it (issue 19), for every staff role: what the resident sees, plus
 * the City's clock, the actions the status machine offers this member's role, the requests for
 * information, every submission version, the timeline with who acted, the staff notes and the
 * audit trail. An unknown reference or a draft: "not found".
 */
export default async function StaffApplicationPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ANY_STAFF);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { reference } = await params;
  const query = await searchParams;
  const requestedVersion =
    typeof query.version === 'string' && /^\d{1,4}$/.test(query.version)
      ? Number(query.version)
      : undefined;
  const { db, now } = await runtimeDeps();
  const view = await loadStaffApplication(db, reference, {
    now: now(),
    version: requestedVersion,
  });
  const type = view ? findType(view.application.type) : null;
  if (!view || !type) return <StaffNotFound />;
  const { application } = view;
  const t = await getTranslations('StaffApplicationPage');
  const apps = await getTranslations('Applications');
  const pages = await getTranslations('ApplicationPages');
  const member = await getTranslations('StaffMemberPage');
  const roles = await getTranslations('StaffRoles');
  const format = await getFormatter();
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const day = (d: string) => format.dateTime(parseDate(d), { dateStyle: 'long', timeZone: 'UTC' });
  const money = (cents: number) =>
    format.number(cents / 100, {
      style: 'currency',
      currency: 'CAD',
      currencyDisplay: 'narrowSymbol',
    });
  const pageTitle = t('title', { reference });
  const notice = NOTICES.find((n) => n === query.notice);
  const events = availableEvents(application.status, staff.role, {
    withdrawalRequested: application.withdrawalRequestedAt !== null,
  });
  const self = localizedDynamicPath('/staff/applications/[reference]', locale, { reference });
  const shown = view.shownVersion ?? {
    version: application.version,
    answers: application.answers,
  };
  const itemsWithFiles = type.documents.filter((d) =>
    application.documents.some((f) => f.item === d.key),
  );
  // The permit, once issued: generated by the City, with the documents (PERMIT_ITEM).
  const permits = application.documents.filter((f) => f.item === PERMIT_ITEM);
  const section = 'mb-10';
  const heading = 'mb-3 text-2xl font-bold text-ottawa-navy';
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p className="mb-4">
        <AppLink href="/staff/applications">{t('back')}</AppLink>
      </p>
      <h1 className="page-title">{pageTitle}</h1>
      {notice ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      <dl className="mb-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{pages('application.type')}</dt>
        <dd>{apps(`types.${type.key}.name` as never)}</dd>
        <dt className="font-semibold">{pages('application.address')}</dt>
        <dd>{application.siteAddress ?? t('none')}</dd>
        <dt className="font-semibold">{pages('application.status')}</dt>
        <dd className="font-bold" data-testid="status">
          {apps(`statuses.${application.status}` as never)}
        </dd>
        {application.submittedAt ? (
          <>
            <dt className="font-semibold">{t('submittedAt')}</dt>
            <dd>{dateTime(application.submittedAt)}</dd>
          </>
        ) : null}
        {application.feeCents !== null ? (
          <>
            <dt className="font-semibold">{pages('application.fee')}</dt>
            <dd>{money(application.feeCents)}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t('assignee')}</dt>
        <dd>{view.assignee?.name ?? t('unassigned')}</dd>
        {application.withdrawalRequestedAt ? (
          <>
            <dt className="font-semibold">{t('withdrawalRequested')}</dt>
            <dd>{dateTime(application.withdrawalRequestedAt)}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="clock-title" className={section}>
        <h2 id="clock-title" className={heading}>
          {t('clock.title')}
        </h2>
        {view.clock && view.acceptedOn ? (
          <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">{t('clock.acceptedOn')}</dt>
            <dd>{day(view.acceptedOn)}</dd>
            <dt className="font-semibold">{t('clock.dueOn')}</dt>
            <dd className="font-bold">{day(view.clock.dueOn)}</dd>
            <dt className="font-semibold">{t('clock.left')}</dt>
            <dd>{t('clock.days', { count: view.clock.left })}</dd>
            <dt className="font-semibold">{t('clock.state')}</dt>
            <dd className={view.clock.overdue ? 'font-bold text-error' : ''}>
              {view.clock.paused
                ? t('clock.paused')
                : view.clock.overdue
                  ? t('clock.overdue')
                  : t('clock.running')}
            </dd>
          </dl>
        ) : (
          <p>
            {t('clock.notStarted', {
              days: view.decisionBusinessDays ?? type.decisionBusinessDays,
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="actions-title" className={section}>
        <h2 id="actions-title" className={heading}>
          {t('actions.title')}
        </h2>
        <ClientMessages namespaces={['StaffApplicationPage']}>
          {events.length === 0 ? <p className="mb-4">{t('actions.none')}</p> : null}
          {events.map((event) => {
            const simple = SIMPLE[event];
            if (simple) {
              return (
                <SimpleActionForm
                  key={event}
                  name={simple}
                  reference={reference}
                  pageTitle={pageTitle}
                />
              );
            }
            if (event === 'request_information') {
              return (
                <RequestInformationForm
                  key={event}
                  reference={reference}
                  defaultDueOn={defaultInformationDueOn(now())}
                  pageTitle={pageTitle}
                />
              );
            }
            if (event === 'assign') {
              return (
                <AssignForm
                  key={event}
                  reference={reference}
                  current={view.assignee?.id ?? null}
                  options={view.assignable.map((m) => ({
                    value: m.id,
                    label: `${m.name} (${roles(m.role)})`,
                  }))}
                  pageTitle={pageTitle}
                />
              );
            }
            return null;
          })}
        </ClientMessages>
        <PermitAndChargeActions
          locale={locale}
          application={{ id: application.id, reference, status: application.status }}
          staff={staff}
          pageTitle={pageTitle}
        />
      </section>

      <InspectionsSection
        application={{ id: application.id, reference, status: application.status }}
        staff={staff}
      />

      {view.requests.length > 0 ? (
        <section aria-labelledby="requests-title" className={section}>
          <h2 id="requests-title" className={heading}>
            {t('requests.title')}
          </h2>
          {view.requests.map((request) => (
            <article key={request.id} className="mb-6 max-w-2xl border-l-4 border-neutral-300 pl-4">
              <h3 className="mb-1 font-bold">
                {t('requests.heading', {
                  date: dateTime(request.requestedAt),
                  name: request.requestedByName ?? t('none'),
                })}
              </h3>
              <ul className="mb-2 list-disc pl-5">
                {request.items.map((item, i) => (
                  <li key={i} className="whitespace-pre-line">
                    {t('requests.item', {
                      kind: t(`actions.requestInformation.kinds.${item.kind}`),
                      message: item.message,
                    })}
                  </li>
                ))}
              </ul>
              <p className="mb-2 whitespace-pre-line">{request.message}</p>
              <p>
                {t('requests.due', { date: day(request.dueOn) })}{' '}
                {request.answeredAt
                  ? t('requests.answered', {
                      date: dateTime(request.answeredAt),
                      version: request.answerVersion ?? 0,
                    })
                  : t('requests.open')}
              </p>
              {request.answerMessage ? (
                <p className="mt-2 whitespace-pre-line">{request.answerMessage}</p>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="timeline-title" className={section}>
        <h2 id="timeline-title" className={heading}>
          {pages('application.timeline')}
        </h2>
        <ol className="max-w-2xl space-y-2 border-l-4 border-neutral-300 pl-4">
          {view.events.map((event) => {
            const comment = event.detail?.comment ?? event.detail?.reasons;
            return (
              <li key={event.seq}>
                <p className="font-semibold">{apps(`events.${event.type}` as never)}</p>
                <p className="text-neutral-700">
                  {t('eventLine', {
                    date: dateTime(event.occurredAt),
                    actor: event.staffName ?? t(`actors.${event.actorRole}` as never),
                  })}
                </p>
                {typeof comment === 'string' ? (
                  <p className="whitespace-pre-line">{comment}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="answers-title" className={section}>
        <h2 id="answers-title" className={heading}>
          {pages('application.answers')}
        </h2>
        {view.versions.length > 0 ? (
          <table className="mb-4 w-full max-w-2xl border-collapse text-left">
            <caption className="mb-2 text-left text-neutral-700">{t('versions.caption')}</caption>
            <thead>
              <tr className="border-b-2 border-neutral-400">
                <th scope="col" className="py-2 pr-4">
                  {t('versions.version')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('versions.submittedAt')}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t('versions.view')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.versions.map((v) => (
                <tr key={v.version} className="border-b border-neutral-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {v.version}
                  </th>
                  <td className="py-2 pr-4">{dateTime(v.submittedAt)}</td>
                  <td className="py-2">
                    {v.version === shown.version ? (
                      <span aria-current="true" className="font-semibold">
                        {t('versions.shown')}
                      </span>
                    ) : (
                      <a href={`${self}?version=${v.version}#answers-title`}>
                        {t('versions.viewNumber', { version: v.version })}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {shown.version !== null ? (
          <p className="mb-4 font-semibold">{t('versions.showing', { version: shown.version })}</p>
        ) : null}
        <AnswersSummary
          type={type}
          answers={shown.answers}
          reference={reference}
          locale={locale}
          changeLinks={false}
          level={3}
        />
        {view.permitConditions ? (
          <>
            <h3 className="mt-6 mb-2 text-xl font-bold">{t('conditions')}</h3>
            <p className="max-w-prose whitespace-pre-line">{view.permitConditions}</p>
          </>
        ) : null}
      </section>

      {type.documents.length > 0 ? (
        <section aria-labelledby="documents-title" className={section}>
          <h2 id="documents-title" className={heading}>
            {pages('application.documents')}
          </h2>
          {itemsWithFiles.length === 0 ? <p>{pages('application.documentsNone')}</p> : null}
          {itemsWithFiles.map((d) => (
            <div key={d.key} className="max-w-2xl">
              <h3 className="mb-1 font-semibold">{apps(`documents.${d.key}.name` as never)}</h3>
              <DocumentFiles
                files={application.documents.filter((f) => f.item === d.key)}
                locale={locale}
              />
            </div>
          ))}
          {permits.length > 0 ? (
            <div className="max-w-2xl">
              <h3 className="mb-1 font-semibold">{pages('application.permit')}</h3>
              <DocumentFiles files={permits} locale={locale} />
            </div>
          ) : null}
        </section>
      ) : null}

      {application.invoices.length > 0 ? (
        <section aria-labelledby="invoices-title" className={section}>
          <h2 id="invoices-title" className={heading}>
            {t('invoices.title')}
          </h2>
          {application.invoices.map((invoice) => (
            <div key={invoice.id} className="mb-4">
              <h3 className="mb-1 font-semibold">
                {t('invoices.heading', {
                  kind: invoice.kind,
                  status: invoice.status,
                  date: dateTime(invoice.createdAt),
                })}
              </h3>
              <InvoiceTable invoice={invoice} totalLabel={t('invoices.total')} />
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="notes-title" className={section}>
        <h2 id="notes-title" className={heading}>
          {t('notes.title')}
        </h2>
        <ClientMessages namespaces={['StaffApplicationPage']}>
          <NoteForm reference={reference} pageTitle={pageTitle} />
        </ClientMessages>
        {view.notes.length === 0 ? <p>{t('notes.none')}</p> : null}
        <ul className="max-w-2xl space-y-4">
          {view.notes.map((note) => (
            <li key={note.id} className="border-l-4 border-neutral-300 pl-4">
              <p className="text-neutral-700">
                {t('eventLine', { date: dateTime(note.createdAt), actor: note.staffName ?? '' })}
              </p>
              <p className="whitespace-pre-line">{note.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="audit-title" className={section}>
        <h2 id="audit-title" className={heading}>
          {member('auditTitle')}
        </h2>
        {view.audit.length === 0 ? (
          <p>{member('auditEmpty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left text-neutral-700">{t('auditCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-neutral-400">
                  <th scope="col" className="py-2 pr-4">
                    {member('auditColumns.when')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {member('auditColumns.action')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {member('auditColumns.actor')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('auditMove')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.audit.map((row) => {
                  const from = row.detail?.from;
                  const to = row.detail?.to;
                  return (
                    <tr key={row.seq} className="border-b border-neutral-300 align-top">
                      <td className="py-2 pr-4 whitespace-nowrap">{dateTime(row.occurredAt)}</td>
                      <td className="py-2 pr-4">
                        {KNOWN_AUDIT.has(row.action)
                          ? member(`actions.${row.action as (typeof STAFF_AUDIT_ACTIONS)[number]}`)
                          : row.action}
                        {row.subjectName ? ` (${row.subjectName})` : ''}
                      </td>
                      <td className="py-2 pr-4">{row.actorName ?? ''}</td>
                      <td className="py-2">
                        {typeof from === 'string' && typeof to === 'string' && from !== to
                          ? `${apps(`statuses.${from}` as never)} → ${apps(`statuses.${to}` as never)}`
                          : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
