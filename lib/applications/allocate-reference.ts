import { sql } from 'drizzle-orm';
import { applicationCounters } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/**
 * The next reference of a type for a year, `CON-2026-000001`, in the caller's transaction: the
 * counter row is locked by the upsert until it commits, so two first saves never share a number,
 * and a rolled-back draft gives its number back (the next one takes it: never shown to anyone).
 */
export async function allocateReference(tx: Db, prefix: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(applicationCounters)
    .values({ prefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [applicationCounters.prefix, applicationCounters.year],
      set: { last: sql`${applicationCounters.last} + 1` },
    })
    .returning({ last: applicationCounters.last });
  if (!row || row.last > 999_999)
    throw new Error(`Reference numbers exhausted for ${prefix}-${year}`);
  return `${prefix}-${year}-${String(row.last).padStart(6, '0')}`;
}
