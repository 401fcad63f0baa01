import { eq } from 'drizzle-orm';
import { buildingRegistrations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { currentNoticeVersion } from './notice';
import type { RegistrationState } from './steps';

export type { RegistrationState } from './steps';

/** The registration state, always read from the database (AUTHZ-03). */

export function registrationStateOf(
  row: { noticeVersion: string; clientRecordChoice: string | null } | undefined,
  noticeVersion = currentNoticeVersion(),
): RegistrationState {
  if (!row || row.noticeVersion !== noticeVersion) return 'needs_consent';
  if (!row.clientRecordChoice) return 'needs_client_record';
  return 'registered';
}

export async function getRegistrationState(db: Db, userId: string): Promise<RegistrationState> {
  const [row] = await db
    .select({
      noticeVersion: buildingRegistrations.noticeVersion,
      clientRecordChoice: buildingRegistrations.clientRecordChoice,
    })
    .from(buildingRegistrations)
    .where(eq(buildingRegistrations.userId, userId));
  return registrationStateOf(row);
}
