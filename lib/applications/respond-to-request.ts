import { and, desc, eq, isNull } from 'drizzle-orm';
import { ottawaDate } from '@/lib/calendar/business-days';
import {
  applicationDocuments,
  applications,
  applicationVersions,
  informationRequests,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { missingRequiredItems } from '@/lib/documents/checklist';
import { findType } from './catalogue';
import { refreshDecisionDue } from './decision-due';
import { type ApplicationStatus, STATUSES, transitionApplication } from './status-machine';

/** The longest answer a resident may send, in characters (the form says so). */
export const ANSWER_MAX_LENGTH = 5000;

export type RespondResult =
  | { status: 'ok'; to: ApplicationStatus; version: number }
  /** Another resident's reference, or none. */
  | { status: 'not_found' }
  /** No request waits for an answer (already answered: a second click, another tab). */
  | { status: 'not_open'; current: ApplicationStatus }
  /** A required checklist item has no file any more (removed while answering). */
  | { status: 'documents_missing'; items: string[] }
  | { status: 'invalid_message' };

export interface OpenRequest {
  id: string;
  requestedAt: Date;
  fromStatus: ApplicationStatus;
  items: { kind: 'missing_document' | 'correction' | 'other'; message: string }[];
  message: string;
  dueOn: string;
}

/** The request waiting for the resident's answer (the newest unanswered one), or null. */
export async function findOpenRequest(db: Db, applicationId: string): Promise<OpenRequest | null> {
  const [row] = await db
    .select({
      id: informationRequests.id,
      requestedAt: informationRequests.requestedAt,
      fromStatus: informationRequests.fromStatus,
      items: informationRequests.items,
      message: informationRequests.message,
      dueOn: informationRequests.dueOn,
    })
    .from(informationRequests)
    .where(
      and(
        eq(informationRequests.applicationId, applicationId),
        isNull(informationRequests.answeredAt),
      ),
    )
    .orderBy(desc(informationRequests.requestedAt))
    .limit(1);
  if (!row) return null;
  const fromStatus = (STATUSES as readonly string[]).includes(row.fromStatus)
    ? (row.fromStatus as ApplicationStatus)
    : 'completeness_review';
  return { ...row, fromStatus };
}

/**
 * "Envoyer la réponse" / "Send response": the resident's answer to the City's open request for
 * information. One transaction, the application locked first (a double click answers once): a
 * new immutable submission version (the latest version's answers, the contact details now), the
 * request marked answered with the message and that version, the `respond` event back to the
 * status the request was made from, and the City's clock recomputed (the pause ends today).
 * Files were added or removed before, through the documents module, which allows it while the
 * application is "Renseignements requis"; a required item left without a file is refused.
 */
export async function respondToRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    userId: string;
    reference: string;
    message: string;
    /** The applicant's contact details now (the profile); the previous version's otherwise. */
    applicant?: Record<string, string | null>;
  },
): Promise<RespondResult> {
  const message = input.message.trim();
  if (message.length === 0 || message.length > ANSWER_MAX_LENGTH)
    return { status: 'invalid_message' };
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
    const request =
      status === 'information_required' ? await findOpenRequest(tx, application.id) : null;
    if (!request) return { status: 'not_open' as const, current: status };

    const [latest] = await tx
      .select()
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, application.id))
      .orderBy(desc(applicationVersions.version))
      .limit(1);
    if (!latest) throw new Error('A request for information on an application never submitted');
    const type = findType(application.type);
    if (type) {
      const documents = await tx
        .select({ item: applicationDocuments.item, scanStatus: applicationDocuments.scanStatus })
        .from(applicationDocuments)
        .where(eq(applicationDocuments.applicationId, application.id));
      const missing = missingRequiredItems(type, latest.answers, documents);
      if (missing.length > 0) return { status: 'documents_missing' as const, items: missing };
    }

    const version = latest.version + 1;
    await tx.insert(applicationVersions).values({
      applicationId: application.id,
      version,
      answers: latest.answers,
      applicant: input.applicant ?? latest.applicant,
      feeCents: latest.feeCents,
      submittedAt: now,
    });
    await tx
      .update(informationRequests)
      .set({
        answeredAt: now,
        answeredOn: ottawaDate(now),
        answerMessage: message,
        answerVersion: version,
      })
      .where(eq(informationRequests.id, request.id));
    const moved = await transitionApplication(tx, {
      application: { id: application.id, status },
      event: 'respond',
      actor: { role: 'resident', id: input.userId },
      facts: { requestedFrom: request.fromStatus },
      now,
      detail: { version, requestId: request.id },
    });
    if (moved.status !== 'ok') throw new Error(`An answer could not move ${input.reference}`);
    await refreshDecisionDue(tx, application.id, now);
    return { status: 'ok' as const, to: moved.to, version };
  });
}
