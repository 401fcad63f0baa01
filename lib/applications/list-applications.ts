import { desc, eq } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { ACTION_REQUIRED_KIND, type ActionKind } from './action-required';
import type { ApplicationStatus } from './status-machine';

/** Days a draft is kept after its last save. */
export const DRAFT_RETENTION_DAYS = 60;

export interface ApplicationSummary {
  reference: string;
  type: string;
  status: ApplicationStatus;
  siteAddress: string | null;
  lastChangeAt: Date;
  /** Drafts only: when it will be deleted if nothing is saved before. */
  deletesAt: Date | null;
  withdrawalRequested: boolean;
  /** What the resident must do on it ("Action requise"), or null: lib/applications/action-required. */
  action: ActionKind | null;
}

/**
 * "Mes demandes": the resident's applications, the most recently changed first, in one statement
 * (index on user_id, last_saved_at), each with the action it requires (its subqueries by the
 * invoices' and inspections' application indexes). Another resident's never appear: the owner
 * is the filter.
 */
export async function listApplications(db: Db, userId: string): Promise<ApplicationSummary[]> {
  const rows = await db
    .select({
      reference: applications.reference,
      type: applications.type,
      status: applications.status,
      siteAddress: applications.siteAddress,
      lastSavedAt: applications.lastSavedAt,
      statusChangedAt: applications.statusChangedAt,
      withdrawalRequestedAt: applications.withdrawalRequestedAt,
      action: ACTION_REQUIRED_KIND,
    })
    .from(applications)
    .where(eq(applications.userId, userId))
    .orderBy(desc(applications.lastSavedAt))
    .limit(500);
  return rows
    .map((row) => {
      const status = row.status as ApplicationStatus;
      const lastChangeAt =
        row.statusChangedAt > row.lastSavedAt ? row.statusChangedAt : row.lastSavedAt;
      return {
        reference: row.reference,
        type: row.type,
        status,
        siteAddress: row.siteAddress,
        lastChangeAt,
        deletesAt:
          status === 'draft'
            ? new Date(row.lastSavedAt.getTime() + DRAFT_RETENTION_DAYS * 86_400_000)
            : null,
        withdrawalRequested: row.withdrawalRequestedAt !== null,
        action: row.action,
      };
    })
    .sort((a, b) => b.lastChangeAt.getTime() - a.lastChangeAt.getTime());
}
