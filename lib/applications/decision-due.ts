import { and, asc, desc, eq, gte } from 'drizzle-orm';
import { ottawaDate } from '@/lib/calendar/business-days';
import { applications, applicationVersions, informationRequests } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { decisionBusinessDaysFor, findType } from './catalogue';
import { decisionClock, type DecisionClock } from './decision-clock';

/**
 * Recomputes and stores an application's decision due day (`applications.decision_due_on`) from
 * the day intake accepted it and the City's requests for information since (each a pause of the
 * clock). Call it in the transaction of every move that changes the clock: acceptance as
 * complete, a request for information, the resident's answer. Before acceptance (no
 * `accepted_on`) there is no due day. Returns the clock, or null when it has not started.
 */
export async function refreshDecisionDue(
  tx: Db,
  applicationId: string,
  now: Date,
): Promise<DecisionClock | null> {
  const [application] = await tx
    .select({ type: applications.type, acceptedOn: applications.acceptedOn })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!application?.acceptedOn) return null;
  const type = findType(application.type);
  if (!type) throw new Error(`unknown application type ${application.type}`);
  const pauses = await tx
    .select({
      requestedOn: informationRequests.requestedOn,
      answeredOn: informationRequests.answeredOn,
    })
    .from(informationRequests)
    .where(
      and(
        eq(informationRequests.applicationId, applicationId),
        gte(informationRequests.requestedOn, application.acceptedOn),
      ),
    )
    .orderBy(asc(informationRequests.requestedAt));
  // The building's class from the latest submitted answers (the catalogue says which answer).
  const [latest] = await tx
    .select({ answers: applicationVersions.answers })
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, applicationId))
    .orderBy(desc(applicationVersions.version))
    .limit(1);
  const clock = decisionClock({
    acceptedOn: application.acceptedOn,
    businessDays: decisionBusinessDaysFor(type, latest?.answers ?? {}),
    pauses,
    today: ottawaDate(now),
  });
  await tx
    .update(applications)
    .set({ decisionDueOn: clock.dueOn })
    .where(eq(applications.id, applicationId));
  return clock;
}
