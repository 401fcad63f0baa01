import { getTranslations } from 'next-intl/server';
import { IdleWarning } from '@/app/_components/idle-warning';
import { IDLE_TIMEOUT_SECONDS, IDLE_WARNING_SECONDS } from '@/lib/auth/session-policy';

/**
 * The idle-session warning (SES-02) with its texts, for every page a signed-in person sees. The
 * texts are rendered here and handed over as strings: the dialog needs no message catalogue.
 */
export async function SessionIdleWarning() {
  const t = await getTranslations('IdleWarning');
  return (
    <IdleWarning
      idleSeconds={IDLE_TIMEOUT_SECONDS}
      warningSeconds={IDLE_WARNING_SECONDS}
      texts={{
        title: t('title'),
        body: t('body', { minutes: Math.max(1, Math.round(IDLE_WARNING_SECONDS / 60)) }),
        stay: t('stay'),
        signOut: t('signOut'),
      }}
    />
  );
}
