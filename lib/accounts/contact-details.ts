import { eq } from 'drizzle-orm';
import { contactDetails } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { logSecurityEvent } from '@/lib/security/events';
import {
  profileColumns,
  profileFormValues,
  type ProfileField,
  type ProfileInput,
} from '@/lib/registration/profile-schema';

/**
 * "Mes paramètres" › contact details: the registration profile's fields (validated by
 * profileSchema, VAL-01), one row per person, replaced as a whole on each save.
 */
export async function saveContactDetails(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { userId: string; profile: ProfileInput; ip: string },
): Promise<void> {
  const now = deps.now();
  const columns = { ...profileColumns(input.profile), updatedAt: now };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(contactDetails)
      .values({ userId: input.userId, ...columns })
      .onConflictDoUpdate({ target: contactDetails.userId, set: columns });
    await logSecurityEvent(tx, {
      type: 'contact_details_updated',
      userId: input.userId,
      ip: input.ip,
      now,
    });
  });
}

/** The saved contact details as form values, or null when the person has none yet. */
export async function loadContactDetails(
  db: Db,
  userId: string,
): Promise<Record<ProfileField, string> | null> {
  const [row] = await db.select().from(contactDetails).where(eq(contactDetails.userId, userId));
  return row ? profileFormValues(row) : null;
}
