import { ClientMessages } from '@/app/_components/client-messages';
import { IdleWarning } from '@/app/_components/idle-warning';
import { IDLE_TIMEOUT_SECONDS, IDLE_WARNING_SECONDS } from '@/lib/auth/session-policy';

/** The idle-session warning (SES-02) with its texts, for every page a signed-in person sees. */
export function SessionIdleWarning() {
  return (
    <ClientMessages namespaces={['IdleWarning']}>
      <IdleWarning idleSeconds={IDLE_TIMEOUT_SECONDS} warningSeconds={IDLE_WARNING_SECONDS} />
    </ClientMessages>
  );
}
