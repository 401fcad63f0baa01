import { eq } from 'drizzle-orm';
import {
  transitionApplication,
  type ActorRole,
  type ApplicationEventType,
  type ApplicationStatus,
} from '@/lib/applications/status-machine';
import { submitApplication } from '@/lib/applications/submit-application';
import { applications } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { DECLARATION, fillPermit } from './applications';

/** The moves from a paid submission to an issued permit, and who makes each. */
const TO_ISSUED: readonly { event: ApplicationEventType; role: ActorRole }[] = [
  { event: 'payment_settled', role: 'system' },
  { event: 'start_completeness_check', role: 'intake' },
  { event: 'accept_complete', role: 'intake' },
  { event: 'approve', role: 'examiner' },
  { event: 'issue', role: 'examiner' },
];

/**
 * A resident's construction permit moved through the table up to `until` (default: issued), as
 * the payment provider and staff would; returns its reference and id.
 */
export async function permitUpTo(
  deps: Deps,
  userId: string,
  until: ApplicationStatus = 'issued',
): Promise<{ reference: string; id: string }> {
  const reference = await fillPermit(deps, userId);
  const submitted = await submitApplication(deps, { userId, reference, declaration: DECLARATION });
  if (submitted.status !== 'ok') throw new Error(submitted.status);
  for (const { event, role } of TO_ISSUED) {
    const [app] = await deps.db
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(eq(applications.reference, reference));
    if (app!.status === until) break;
    const moved = await deps.db.transaction((tx) =>
      transitionApplication(tx, {
        application: { id: app!.id, status: app!.status as ApplicationStatus },
        event,
        actor: { role, id: null },
        now: deps.now(),
      }),
    );
    if (moved.status !== 'ok') throw new Error(`${event}: ${moved.status}`);
  }
  const [app] = await deps.db
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(eq(applications.reference, reference));
  if (app!.status !== until) throw new Error(`${reference} is ${app!.status}, not ${until}`);
  return { reference, id: app!.id };
}
