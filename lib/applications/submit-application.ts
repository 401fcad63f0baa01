import { and, eq, max } from 'drizzle-orm';
import {
  applicationAnswers,
  applicationDocuments,
  applicationVersions,
  applications,
  users,
} from '@/lib/db/schema';
import { missingRequiredItems } from '@/lib/documents/checklist';
import { enqueueEmail } from '@/lib/email/outbox';
import { createSubmissionInvoice } from '@/lib/payments/invoices';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { type Catalogue, APPLICATION_TYPES, findType } from './catalogue';
import { computeFee, FEE_SCHEDULE, type FeeSchedule } from './fees';
import type { ApplicationStatus } from './status-machine';
import { transitionApplication } from './status-machine';
import { type ApplicationAnswers, firstInvalidStep } from './step-schema';
import { absoluteUrlOf } from './urls';

export type SubmitResult =
  | { status: 'ok'; to: ApplicationStatus; feeCents: number; version: number }
  | { status: 'invalid'; step: string; fieldErrors: Record<string, string> }
  /** Required checklist items without a clean or not-scanned file, in the checklist's order. */
  | { status: 'documents_missing'; items: string[] }
  | { status: 'declaration_missing' }
  | { status: 'not_found' }
  /** Already submitted (a second click, another tab): nothing changed. */
  | { status: 'not_draft'; current: ApplicationStatus };

/**
 * "Soumettre" / "Soumettre et payer": the whole draft is checked again from what is stored (an
 * invalid application cannot be submitted by any route), the fee computed from the stored
 * answers, an immutable version written, and the status moved by the status machine: to
 * "Paiement requis" when a fee is due (with its invoice), else "Soumise". One transaction; the row is locked first,
 * so a double submit or a submit racing a delete leaves one outcome. The resident's email (what
 * was received, the fee left to pay or what comes next) joins the outbox in the same transaction.
 */
export async function submitApplication(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  input: {
    userId: string;
    reference: string;
    /**
     * The declaration as the resident ticked it: its exact text in their language, kept with the
     * submit event (whose time is the acceptance's), or null when it was not ticked.
     */
    declaration: { text: string; locale: Locale } | null;
    /** The applicant's contact details at submission (the profile), kept with the version. */
    applicant?: Record<string, string | null>;
  },
  opts: { catalogue?: Catalogue; feeSchedule?: FeeSchedule } = {},
): Promise<SubmitResult> {
  const { catalogue = APPLICATION_TYPES, feeSchedule = FEE_SCHEDULE } = opts;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, type: applications.type, status: applications.status })
      .from(applications)
      .where(
        and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
      )
      .for('update');
    if (!application) return { status: 'not_found' as const };
    const status = application.status as ApplicationStatus;
    if (status !== 'draft') return { status: 'not_draft' as const, current: status };
    const type = findType(application.type, catalogue);
    if (!type) return { status: 'not_found' as const };

    const rows = await tx
      .select({ step: applicationAnswers.step, answers: applicationAnswers.answers })
      .from(applicationAnswers)
      .where(eq(applicationAnswers.applicationId, application.id));
    const answers: ApplicationAnswers = Object.fromEntries(rows.map((r) => [r.step, r.answers]));
    const invalid = firstInvalidStep(type, answers);
    if (invalid) return { status: 'invalid' as const, ...invalid };
    const documents = await tx
      .select({ item: applicationDocuments.item, scanStatus: applicationDocuments.scanStatus })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, application.id));
    const missing = missingRequiredItems(type, answers, documents);
    if (missing.length > 0) return { status: 'documents_missing' as const, items: missing };
    if (!input.declaration) return { status: 'declaration_missing' as const };
    const fee = computeFee(type, answers, feeSchedule);
    if (!fee) throw new Error(`No fee for a complete ${type.key} application`);

    const [previous] = await tx
      .select({ version: max(applicationVersions.version) })
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, application.id));
    const version = (previous?.version ?? 0) + 1;
    await tx.insert(applicationVersions).values({
      applicationId: application.id,
      version,
      answers,
      applicant: input.applicant ?? null,
      feeCents: fee.totalCents,
      submittedAt: now,
    });
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status },
      event: 'submit',
      actor: { role: 'resident', id: input.userId },
      facts: { feeDueCents: fee.totalCents },
      now,
      detail: { version, feeCents: fee.totalCents, declaration: input.declaration },
      set: { submittedAt: now, feeCents: fee.totalCents },
    });
    if (moved.status !== 'ok') throw new Error('A draft could not be submitted');
    // What the resident pays is this invoice, written now from the schedule's lines (PAY-02).
    if (moved.to === 'payment_required') {
      await createSubmissionInvoice(tx, { applicationId: application.id, fee, now });
    }
    const [owner] = await tx
      .select({ email: users.email, language: users.locale })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!owner) throw new Error('An application without its owner');
    await enqueueEmail(
      tx,
      {
        to: owner.email,
        template: 'application-submitted',
        locale: owner.language,
        props: {
          reference: input.reference,
          typeKey: type.key,
          status: moved.to === 'payment_required' ? 'payment_required' : 'submitted',
          feeCents: fee.totalCents,
          applicationUrl: absoluteUrlOf(deps.appUrl, owner.language, input.reference),
        },
      },
      { now: () => now },
    );
    return { status: 'ok' as const, to: moved.to, feeCents: fee.totalCents, version };
  });
}
