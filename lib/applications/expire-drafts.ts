import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { enqueueEmail } from '@/lib/email/outbox';
import { DRAFT_RETENTION_DAYS } from './list-applications';
import { absoluteUrlOf } from './urls';

const DAY = 86_400_000;
/** Reminders go 7 days, then 1 day, before a draft is deleted. */
export const DRAFT_REMINDER_DAYS = [7, 1] as const;

/**
 * The drafts job (run by the scheduler): deletes drafts untouched for 60 days, after reminder
 * emails 7 and 1 days before. A save in between starts the count again (and clears the reminder).
 * Each reminder is marked sent in the transaction that queues it, so a job run twice sends one.
 */
export async function expireDrafts(
  deps: Pick<Deps, 'db' | 'now' | 'appUrl'>,
  opts: { limit?: number } = {},
): Promise<{ reminded: number; deleted: number }> {
  const now = deps.now().getTime();
  const limit = opts.limit ?? 500;
  const expired = await deps.db
    .delete(applications)
    .where(
      and(
        eq(applications.status, 'draft'),
        lte(applications.lastSavedAt, new Date(now - DRAFT_RETENTION_DAYS * DAY)),
      ),
    )
    .returning({ id: applications.id });

  let reminded = 0;
  // The nearest deadline first: a draft the job did not see for a week gets the 1-day reminder
  // only, not both at once.
  for (const days of [...DRAFT_REMINDER_DAYS].sort((a, b) => a - b)) {
    // Due for this reminder and not sent it yet: `null` (nothing sent) or an earlier reminder.
    const earlier = DRAFT_REMINDER_DAYS.filter((d) => d > days);
    const notYet = earlier.length
      ? or(isNull(applications.draftReminder), inArray(applications.draftReminder, earlier))
      : isNull(applications.draftReminder);
    reminded += await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: applications.id })
        .from(applications)
        .where(
          and(
            eq(applications.status, 'draft'),
            lte(applications.lastSavedAt, new Date(now - (DRAFT_RETENTION_DAYS - days) * DAY)),
            notYet,
          ),
        )
        .limit(limit)
        .for('update', { skipLocked: true });
      const marked = await tx
        .update(applications)
        .set({ draftReminder: days })
        .where(inArray(applications.id, due))
        .returning({
          reference: applications.reference,
          lastSavedAt: applications.lastSavedAt,
          email: sql<string>`(select u.email from users u where u.id = "applications"."user_id")`,
          locale: sql<
            'fr' | 'en'
          >`(select u.locale from users u where u.id = "applications"."user_id")`,
        });
      for (const draft of marked) {
        await enqueueEmail(
          tx,
          {
            to: draft.email,
            template: 'draft-reminder',
            locale: draft.locale,
            props: {
              reference: draft.reference,
              deletesOn: new Date(
                draft.lastSavedAt.getTime() + DRAFT_RETENTION_DAYS * DAY,
              ).toISOString(),
              resumeUrl: absoluteUrlOf(deps.appUrl, draft.locale, draft.reference),
            },
          },
          { now: deps.now },
        );
      }
      return marked.length;
    });
  }
  return { reminded, deleted: expired.length };
}
