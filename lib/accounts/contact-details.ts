import { eq } from 'drizzle-orm';
import { contactDetails, contactDetailsChanges } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import { logSecurityEvent } from '@/lib/security/events';
import {
  PROFILE_FIELDS,
  profileColumns,
  storedProfile,
  type ProfileField,
  type ProfileInput,
} from '@/lib/registration/profile-schema';

/**
 * A person's one set of contact details (issue 15, "One profile"): the fields of "Renseignements
 * du profil personnel" (VAL-01), one row per person. Written by "Mes coordonnées" and by the
 * Building Code Services consent form; read by "Mes paramètres", "Mes coordonnées", "Mon profil",
 * the consent form and (to come) applications, all through getContactDetails.
 */

export type ContactDetails = Record<ProfileField, string | null> & { updatedAt: Date };

/** Where a change was made: the contact-details form or the consent form. */
export type ContactDetailsSource = 'contact_details' | 'registration';

/** The details and the time of their last change (what the City sees), without the key. */
const DETAIL_COLUMNS = {
  ...Object.fromEntries(PROFILE_FIELDS.map((field) => [field, contactDetails[field]])),
  updatedAt: contactDetails.updatedAt,
} as { [F in ProfileField]: (typeof contactDetails)[F] } & {
  updatedAt: typeof contactDetails.updatedAt;
};

/** The person's current contact details (a former title read as today's), or null if none. */
export async function getContactDetails(db: Db, userId: string): Promise<ContactDetails | null> {
  const [row] = await db
    .select(DETAIL_COLUMNS)
    .from(contactDetails)
    .where(eq(contactDetails.userId, userId));
  return row ? storedProfile(row) : null;
}

/**
 * Replaces the person's contact details with `profile` inside the caller's transaction, and
 * records the change — the names of the fields that changed and the time, never the values —
 * when anything changed. Returns the fields that changed (all those filled in, for a first save).
 */
export async function writeContactDetails(
  tx: Db,
  input: { userId: string; profile: ProfileInput; source: ContactDetailsSource; now: Date },
): Promise<ProfileField[]> {
  const next = profileColumns(input.profile);
  const [current] = await tx
    .select()
    .from(contactDetails)
    .where(eq(contactDetails.userId, input.userId))
    .for('update');
  const changed = PROFILE_FIELDS.filter((field) =>
    current ? (current[field] ?? null) !== next[field] : next[field] !== null,
  );
  if (current && changed.length === 0) return [];
  const columns = { ...next, updatedAt: input.now };
  await tx
    .insert(contactDetails)
    .values({ userId: input.userId, ...columns })
    .onConflictDoUpdate({ target: contactDetails.userId, set: columns });
  await tx.insert(contactDetailsChanges).values({
    userId: input.userId,
    source: input.source,
    fields: changed,
    changedAt: input.now,
  });
  return changed;
}

/** "Enregistrer" on the contact-details form: saves, records the change, logs the event. */
export async function saveContactDetails(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { userId: string; profile: ProfileInput; ip: string },
): Promise<{ changed: ProfileField[] }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const changed = await writeContactDetails(tx, {
      userId: input.userId,
      profile: input.profile,
      source: 'contact_details',
      now,
    });
    await logSecurityEvent(tx, {
      type: 'contact_details_updated',
      userId: input.userId,
      ip: input.ip,
      // Which fields, never their values.
      detail: { fields: changed.join(',') },
      now,
    });
    return { changed };
  });
}
