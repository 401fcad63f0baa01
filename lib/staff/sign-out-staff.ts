import type { Deps } from '@/lib/deps';
import { recordStaffAudit } from './audit';
import { endStaffSession, type StaffSessionUser } from './staff-session';

/** "Se déconnecter": the session row ends (the cookie alone would be no sign-out), audited. */
export async function signOutStaff(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: StaffSessionUser,
  ip: string,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await endStaffSession(tx, staff.sessionId, now);
    await recordStaffAudit(tx, {
      action: 'sign_out',
      now,
      actorId: staff.id,
      subjectId: staff.id,
      ip,
    });
  });
}
