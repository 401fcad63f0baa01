import { getFormatter, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { CAD_FORMAT } from '@/lib/applications/money';
import { availableEvents, type ApplicationStatus } from '@/lib/applications/status-machine';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';
import { outstandingChargesCents } from '@/lib/payments/invoices';
import type { StaffRole } from '@/lib/staff/roles';
import { AddChargeForm, IssuePermitForm } from './permit-and-charge-forms';

/**
 * The staff application page's "Délivrer le permis" and "Ajouter des frais" (issue 19), each
 * shown only when the status machine's table allows its event for this role and status; while a
 * charge is left to pay, the permit waits and says so. The server actions check the session,
 * the role and the status again.
 */
export async function PermitAndChargeActions({
  locale,
  application,
  staff,
  pageTitle,
}: {
  locale: Locale;
  application: { id: string; reference: string; status: ApplicationStatus };
  staff: { role: StaffRole };
  /** The page's title, repeated after "Erreur : " while a form shows errors. */
  pageTitle?: string;
}) {
  const allowed = availableEvents(application.status, staff.role);
  const mayIssueRole =
    allowed.includes('issue') || allowedIgnoringCharges(application.status, staff.role);
  const mayCharge = allowed.includes('add_charge');
  if (!mayIssueRole && !mayCharge) return null;
  const outstanding = mayIssueRole
    ? await outstandingChargesCents(await getDb(), application.id)
    : 0;
  const mayIssue = availableEvents(application.status, staff.role, {
    outstandingCents: outstanding,
  }).includes('issue');
  const t = await getTranslations({ locale, namespace: 'StaffPermitAndCharge' });
  const format = await getFormatter({ locale });
  const title = pageTitle ?? application.reference;
  return (
    <ClientMessages namespaces={['StaffPermitAndCharge']}>
      <div className="mb-8 grid gap-8 md:grid-cols-2">
        {mayIssueRole ? (
          <section aria-labelledby="issue-permit-title">
            <h2 id="issue-permit-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
              {t('issue.title')}
            </h2>
            {mayIssue ? (
              <IssuePermitForm
                applicationId={application.id}
                reference={application.reference}
                pageTitle={title}
              />
            ) : (
              <p className="max-w-prose">
                {t('issue.waitingForPayment', {
                  amount: format.number(outstanding / 100, CAD_FORMAT),
                })}
              </p>
            )}
          </section>
        ) : null}
        {mayCharge ? (
          <section aria-labelledby="add-charge-title">
            <h2 id="add-charge-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
              {t('charge.title')}
            </h2>
            <AddChargeForm
              applicationId={application.id}
              reference={application.reference}
              pageTitle={title}
            />
          </section>
        ) : null}
      </div>
    </ClientMessages>
  );
}

/** Whether the table lets this role issue from this status once nothing is outstanding. */
function allowedIgnoringCharges(status: ApplicationStatus, role: StaffRole): boolean {
  return availableEvents(status, role, { outstandingCents: 0 }).includes('issue');
}
