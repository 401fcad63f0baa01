import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { buildingRegistrations, clientRecords } from '@/lib/db/schema';

/**
 * A person's Building Code Services registration with the linked client number, one query per
 * request however many layouts and pages ask (React cache).
 */
export const loadRegistration = cache(async (userId: string) => {
  const db = await getDb();
  const [row] = await db
    .select({
      registration: buildingRegistrations,
      clientNumber: clientRecords.clientNumber,
    })
    .from(buildingRegistrations)
    .leftJoin(clientRecords, eq(clientRecords.linkedUserId, buildingRegistrations.userId))
    .where(eq(buildingRegistrations.userId, userId));
  return row ? { ...row.registration, clientNumber: row.clientNumber } : null;
});

export type LoadedRegistration = NonNullable<Awaited<ReturnType<typeof loadRegistration>>>;
