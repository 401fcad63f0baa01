import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Locale } from '@/lib/i18n/routing';
import { logSecurityEvent } from '@/lib/security/events';

/** "Mes paramètres" › preferred language: the language of every email sent from now on (I18N-02). */
export async function setPreferredLanguage(
  deps: { db: Db; now: () => Date },
  input: { userId: string; language: Locale; ip: string },
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ locale: input.language }).where(eq(users.id, input.userId));
    await logSecurityEvent(tx, {
      type: 'language_changed',
      userId: input.userId,
      ip: input.ip,
      detail: { language: input.language },
      now,
    });
  });
}
