import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { logSecurityEvent } from '@/lib/security/events';

/** "Mes paramètres" › preferred language: the language of every email sent from now on (I18N-02). */
export async function setPreferredLanguage(
  deps: Pick<Deps, 'db' | 'now'>,
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
