import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { findType } from '@/lib/applications/catalogue';
import { allowedTransition, transitionApplication } from '@/lib/applications/status-machine';
import type { ApplicationStatus } from '@/lib/applications/status-machine';
import { absoluteUrlOf } from '@/lib/applications/urls';
import {
  applicationDocuments,
  applicationEvents,
  applications,
  applicationVersions,
  staffMembers,
  users,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { PERMIT_ITEM } from '@/lib/documents/checklist';
import { documentStorageKey } from '@/lib/documents/storage-key';
import { enqueueEmail } from '@/lib/email/outbox';
import { outstandingChargesCents } from '@/lib/payments/invoices';
import { renderPermitPdf, type PermitPdfInput } from '@/lib/permits/permit-pdf';
import type { Storage } from '@/lib/storage/storage';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { recordStaffAudit } from './audit';
import type { StaffRole } from './roles';

export interface StaffActor {
  id: string;
  role: StaffRole;
  name: string;
}

export type IssuePermitResult =
  | { status: 'ok'; documentId: string }
  | { status: 'not_found' }
  /** A charge is still to be paid: the permit waits for it. */
  | { status: 'charge_outstanding'; outstandingCents: number }
  /** Not "Prête pour délivrance", or a role the table does not allow (STF-02). */
  | { status: 'not_allowed'; current: ApplicationStatus };

const fields = {
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'Applications.fields' }),
  en: createTranslator({ locale: 'en', messages: en, namespace: 'Applications.fields' }),
};

/** What the permit prints, from the latest submitted version and the application. */
async function permitContent(
  tx: Db,
  application: { id: string; reference: string; type: string; siteAddress: string | null },
  conditions: string | null,
  fallbackExaminer: string,
  now: Date,
): Promise<PermitPdfInput> {
  const [latest] = await tx
    .select({ answers: applicationVersions.answers })
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, application.id))
    .orderBy(desc(applicationVersions.version))
    .limit(1);
  const answers = latest?.answers ?? {};
  const type = findType(application.type);
  // The first step's choices: the description of the project, the building, the scope.
  const first = type?.steps[0];
  const work =
    first?.kind === 'form'
      ? first.fields.flatMap((field) => {
          const value = answers[first.key]?.[field.key];
          if (field.kind !== 'choice' || typeof value !== 'string' || !value) return [];
          const key = `${field.key}.options.${value}`;
          return [{ fr: fields.fr(key as never), en: fields.en(key as never) }];
        })
      : [];
  const description = Object.values(answers)
    .map((step) => step.workDescription)
    .find((v) => typeof v === 'string');
  // The examiner who approved it: the 'approve' event's actor, by name.
  const [approver] = await tx
    .select({ name: staffMembers.name })
    .from(applicationEvents)
    .innerJoin(staffMembers, eq(staffMembers.id, applicationEvents.actorId))
    .where(
      and(
        eq(applicationEvents.applicationId, application.id),
        eq(applicationEvents.type, 'approve'),
      ),
    )
    .orderBy(desc(applicationEvents.seq))
    .limit(1);
  return {
    reference: application.reference,
    issuedAt: now,
    siteAddress: application.siteAddress ?? '',
    work,
    description: typeof description === 'string' ? description : '',
    conditions: (conditions ?? '')
      .split(/\r?\n/)
      .map((c) => c.trim())
      .filter(Boolean),
    examinerName: approver?.name ?? fallbackExaminer,
  };
}

/**
 * "Délivrer le permis" / "Issue the permit": one transaction with the application locked first
 * (two clicks, or two staff members, issue once). The status machine decides (examiner or
 * administrator, "Prête pour délivrance", nothing outstanding: STF-02); then the bilingual PDF
 * is made on the server, its object stored (lib/storage) and only then its row written, among
 * the application's documents as the item 'permit' ('not_scanned': the City made it); the
 * 'issue' event, the staff audit entry and the resident's email join the same transaction. If
 * anything fails after the object is stored, the transaction rolls back and the object is
 * deleted (or left to the orphan sweep): no row without its object, no status without its row.
 */
export async function issuePermit(
  deps: Pick<Deps, 'db' | 'appUrl'> & { storage: Storage },
  input: { applicationId: string; staff: StaffActor; now: Date; ip?: string },
): Promise<IssuePermitResult> {
  const { staff, now } = input;
  let storedKey: string | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [application] = await tx
        .select({
          id: applications.id,
          reference: applications.reference,
          type: applications.type,
          status: applications.status,
          userId: applications.userId,
          siteAddress: applications.siteAddress,
          permitConditions: applications.permitConditions,
        })
        .from(applications)
        .where(eq(applications.id, input.applicationId))
        .for('update');
      if (!application) return { status: 'not_found' as const };
      const status = application.status as ApplicationStatus;
      const outstandingCents = await outstandingChargesCents(tx, application.id);
      if (!allowedTransition(status, 'issue', staff.role, { outstandingCents })) {
        // The same move without the charge would be allowed: say what is missing.
        if (outstandingCents > 0 && allowedTransition(status, 'issue', staff.role))
          return { status: 'charge_outstanding' as const, outstandingCents };
        return { status: 'not_allowed' as const, current: status };
      }

      const content = await permitContent(
        tx,
        application,
        application.permitConditions,
        staff.name,
        now,
      );
      const bytes = await renderPermitPdf(content);
      const documentId = randomUUID();
      const key = documentStorageKey(application.id, documentId);
      // The object first, then its row (as uploads do): a crash in between leaves an object
      // the orphan sweep deletes, never a row naming nothing.
      await deps.storage.put(key, Readable.from([Buffer.from(bytes)]), {
        contentType: 'application/pdf',
        size: bytes.byteLength,
      });
      storedKey = key;
      await tx.insert(applicationDocuments).values({
        id: documentId,
        applicationId: application.id,
        item: PERMIT_ITEM,
        fileName: `permis-permit-${application.reference}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: bytes.byteLength,
        storageKey: key,
        scanStatus: 'not_scanned',
        uploadedAt: now,
        uploadedBy: null,
      });
      const moved = await transitionApplication(tx, {
        application: { id: application.id, status },
        event: 'issue',
        actor: { role: staff.role, id: staff.id },
        facts: { outstandingCents },
        now,
        detail: { documentId },
      });
      if (moved.status !== 'ok') throw new Error(`The permit of ${application.reference} moved`);
      await recordStaffAudit(tx, {
        action: 'permit_issued',
        now,
        actorId: staff.id,
        applicationId: application.id,
        ip: input.ip,
        detail: { reference: application.reference, from: status, to: moved.to },
      });
      const [owner] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, application.userId));
      if (owner) {
        await enqueueEmail(
          tx,
          {
            to: owner.email,
            template: 'permit-issued',
            locale: owner.locale,
            props: {
              reference: application.reference,
              applicationUrl: absoluteUrlOf(deps.appUrl, owner.locale, application.reference),
            },
          },
          { now: () => now },
        );
      }
      return { status: 'ok' as const, documentId };
    });
  } catch (error) {
    if (storedKey) {
      const key: string = storedKey;
      await deps.storage.delete(key).catch(() => {
        console.error(`[permits] object ${key} left for the orphan sweep`);
      });
    }
    throw error;
  }
}
