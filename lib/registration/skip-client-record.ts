import { and, eq, isNull } from 'drizzle-orm';
import { buildingRegistrations } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { logSecurityEvent } from '@/lib/security/events';
import { currentNoticeVersion } from './notice';

/**
 * "Ne pas lier et continuer": records the choice and its time (PIN-08). Linking stays possible
 * later from "Mon profil". Only at the client-record step; otherwise nothing changes.
 */
export async function skipClientRecord(
  deps: Pick<Deps, 'db' | 'now'>,
  userId: string,
): Promise<'ok' | 'wrong_step'> {
  const now = deps.now();
  const updated = await deps.db
    .update(buildingRegistrations)
    .set({ clientRecordChoice: 'skipped', clientRecordChoiceAt: now, updatedAt: now })
    .where(
      and(
        eq(buildingRegistrations.userId, userId),
        eq(buildingRegistrations.noticeVersion, currentNoticeVersion()),
        isNull(buildingRegistrations.clientRecordChoice),
      ),
    )
    .returning({ userId: buildingRegistrations.userId });
  if (updated.length === 0) return 'wrong_step';
  await logSecurityEvent(deps.db, { type: 'client_record_skipped', userId, now });
  return 'ok';
}
