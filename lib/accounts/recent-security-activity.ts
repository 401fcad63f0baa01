import { desc, eq } from 'drizzle-orm';
import { securityEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { SECURITY_EVENT_TYPES, type SecurityEventType } from '@/lib/security/events';

export const RECENT_ACTIVITY_LIMIT = 20;

export interface SecurityActivity {
  type: SecurityEventType;
  occurredAt: Date;
}

/**
 * "Mes paramètres" › recent security activity: the account's last 20 events, newest first. Only
 * the type and time leave the table (the log holds no secret anyway, LOGG-01).
 */
export async function recentSecurityActivity(db: Db, userId: string): Promise<SecurityActivity[]> {
  const rows = await db
    .select({ type: securityEvents.type, occurredAt: securityEvents.occurredAt })
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId))
    .orderBy(desc(securityEvents.occurredAt), desc(securityEvents.id))
    .limit(RECENT_ACTIVITY_LIMIT);
  return rows.filter((row): row is SecurityActivity =>
    (SECURITY_EVENT_TYPES as readonly string[]).includes(row.type),
  );
}
