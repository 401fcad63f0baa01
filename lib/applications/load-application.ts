import { and, eq, sql } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { DocumentView } from '@/lib/documents/list-documents';
import {
  INSPECTIONS_JSON,
  inspectionsFromJson,
  type InspectionView,
} from '@/lib/inspections/list-inspections';
import { INVOICES_JSON, invoicesFromJson, type InvoiceView } from '@/lib/payments/invoices';
import { ACTION_REQUIRED_KIND, type ActionKind } from './action-required';
import type { ActorRole, ApplicationStatus } from './status-machine';
import type { ApplicationAnswers } from './step-schema';

export interface ApplicationEventView {
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  actorRole: ActorRole;
  occurredAt: Date;
}

export interface ApplicationView {
  id: string;
  reference: string;
  type: string;
  status: ApplicationStatus;
  currentStep: string;
  siteAddress: string | null;
  feeCents: number | null;
  createdAt: Date;
  lastSavedAt: Date;
  submittedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  /** A draft's answers as saved; for a submitted one, the latest version's. */
  answers: ApplicationAnswers;
  /** The latest submitted version's number, or null for a draft never submitted. */
  version: number | null;
  events: ApplicationEventView[];
  /** Its files, oldest first, as listDocuments gives them. */
  documents: DocumentView[];
  /** Its invoices, newest first, as listInvoices gives them (paymentsView reads them). */
  invoices: InvoiceView[];
  /** What the resident must do on it ("Action requise"), or null: lib/applications/action-required. */
  actionRequired: ActionKind | null;
  /** Its inspections, newest first, without the inspector's notes (residentInspections reads them). */
  inspections: InspectionView[];
}

/**
 * One application of one resident, with what its page shows, in one statement: the application
 * with its answers (the draft's, or the latest version's), its timeline, its files, its
 * invoices and its inspections in subqueries. null
 * for another resident's reference or one that does not exist: the caller answers the same 404
 * for both.
 */
export async function loadApplication(
  db: Db,
  userId: string,
  reference: string,
): Promise<ApplicationView | null> {
  // The subqueries name the outer row in full: drizzle writes a lone table's columns unqualified,
  // and a bare "id" inside them would be the subquery's own.
  const [row] = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      type: applications.type,
      status: applications.status,
      currentStep: applications.currentStep,
      siteAddress: applications.siteAddress,
      feeCents: applications.feeCents,
      createdAt: applications.createdAt,
      lastSavedAt: applications.lastSavedAt,
      submittedAt: applications.submittedAt,
      withdrawalRequestedAt: applications.withdrawalRequestedAt,
      draftAnswers: sql<ApplicationAnswers | null>`(select jsonb_object_agg(aa.step, aa.answers) from application_answers aa where aa.application_id = "applications"."id")`,
      latest: sql<{
        version: number;
        answers: ApplicationAnswers;
      } | null>`(select jsonb_build_object('version', v.version, 'answers', v.answers) from application_versions v where v.application_id = "applications"."id" order by v.version desc limit 1)`,
      events: sql<
        (Omit<ApplicationEventView, 'occurredAt'> & { occurredAt: string })[]
      >`(select coalesce(jsonb_agg(jsonb_build_object('type', e.type, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'actorRole', e.actor_role, 'occurredAt', e.occurred_at) order by e.seq), '[]'::jsonb) from application_events e where e.application_id = "applications"."id")`,
      documents: sql<
        (Omit<DocumentView, 'uploadedAt'> & { uploadedAt: string })[]
      >`(select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'item', d.item, 'fileName', d.file_name, 'sizeBytes', d.size_bytes, 'scanStatus', d.scan_status, 'uploadedAt', d.uploaded_at) order by d.uploaded_at, d.id), '[]'::jsonb) from application_documents d where d.application_id = "applications"."id")`,
      invoices: INVOICES_JSON,
      actionRequired: ACTION_REQUIRED_KIND,
      inspections: INSPECTIONS_JSON,
    })
    .from(applications)
    .where(and(eq(applications.reference, reference), eq(applications.userId, userId)));
  if (!row) return null;
  const { draftAnswers, latest, events, documents, invoices, inspections, ...application } = row;
  const status = application.status as ApplicationStatus;
  return {
    ...application,
    status,
    answers: (status === 'draft' ? draftAnswers : latest?.answers) ?? draftAnswers ?? {},
    version: latest?.version ?? null,
    events: events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) })),
    documents: documents.map((file) => ({ ...file, uploadedAt: new Date(file.uploadedAt) })),
    invoices: invoicesFromJson(invoices),
    inspections: inspectionsFromJson(inspections),
  };
}
