import { getLocale, getTranslations } from 'next-intl/server';
import { IdleWarning } from '@/app/_components/idle-warning';
import { IDLE_TIMEOUT_SECONDS, IDLE_WARNING_SECONDS } from '@/lib/auth/session-policy';

type Texts = Parameters<typeof IdleWarning>[0]['texts'];

/**
 * The dialog's texts depend only on the language (the times are constants), so each language's
 * are formatted once per process: the plural in `body` costs ≈ 0.15 ms of Intl formatters on
 * every signed-in page otherwise (bench/RESULTS.md). Not in development, where content editors
 * change the message files while the server runs.
 */
const textsByLocale = new Map<string, Texts>();

/**
 * The idle-session warning (SES-02) with its texts, for every page a signed-in person sees. The
 * texts are rendered here and handed over as strings: the dialog needs no message catalogue.
 */
export async function SessionIdleWarning() {
  const locale = await getLocale();
  let texts = textsByLocale.get(locale);
  if (!texts) {
    const t = await getTranslations('IdleWarning');
    texts = {
      title: t('title'),
      body: t('body', { minutes: Math.max(1, Math.round(IDLE_WARNING_SECONDS / 60)) }),
      stay: t('stay'),
      signOut: t('signOut'),
    };
    if (process.env.NODE_ENV === 'production') textsByLocale.set(locale, texts);
  }
  return (
    <IdleWarning
      idleSeconds={IDLE_TIMEOUT_SECONDS}
      warningSeconds={IDLE_WARNING_SECONDS}
      texts={texts}
    />
  );
}
