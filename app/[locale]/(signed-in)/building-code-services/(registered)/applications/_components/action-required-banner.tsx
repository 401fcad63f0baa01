import { getTranslations } from 'next-intl/server';
import type { ActionKind } from '@/lib/applications/action-required';

/**
 * Where on the application's page the resident does it: the request's answer form, the "Payer"
 * button's section, the inspections section (its `id="inspections"`).
 */
const TARGET: Record<ActionKind, string> = {
  answer_request: '#answer-title',
  pay: '#due-title',
  book_inspection: '#inspections',
};

/**
 * "Action requise" near the top of an application's page: what the resident must do (decided by
 * lib/applications/action-required, read with the page's one statement), by when where known,
 * and a link to the part of the page where they do it.
 */
export async function ActionRequiredBanner({
  kind,
  dueOn,
}: {
  kind: ActionKind | null;
  /** The open request's due day ("2026-12-18"), for answer_request. */
  dueOn?: string | null;
}) {
  if (!kind) return null;
  const t = await getTranslations('ActionRequired.banner');
  return (
    <section
      aria-labelledby="action-required-title"
      className="mb-8 border-l-8 border-ottawa-navy bg-neutral-100 p-4"
    >
      <h2 id="action-required-title" className="mb-2 text-xl font-bold text-ottawa-navy">
        {t('title')}
      </h2>
      <p className="mb-2 max-w-prose">
        {kind === 'answer_request' && dueOn
          ? t('answer_request_due', { date: new Date(`${dueOn}T12:00:00Z`) })
          : t(kind)}
      </p>
      <p>
        <a href={TARGET[kind]} className="font-semibold">
          {t(`link.${kind}`)}
        </a>
      </p>
    </section>
  );
}
