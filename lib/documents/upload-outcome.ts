import { REFUSAL_REASONS, type RefusalReason } from './rules';

/**
 * What a plain-form upload answers, carried back to the Documents step in its query string (the
 * 303 after the POST): how many files were accepted, and each refusal as its reason code and
 * the cleaned name — nothing else the resident sent. At most MAX_REFUSALS_SHOWN refusals travel.
 */
export interface UploadOutcome {
  item: string;
  accepted: number;
  refusals: Array<{ reason: RefusalReason; name: string }>;
  /** 'no_file': the button was pressed with no file chosen; 'expired': refused (CSRF-02). */
  formError?: 'no_file' | 'expired';
}

export const MAX_REFUSALS_SHOWN = 10;
const ITEM = /^[a-zA-Z]{1,40}$/;

export function outcomeQuery(outcome: UploadOutcome): string {
  const query = new URLSearchParams({ item: outcome.item, accepted: String(outcome.accepted) });
  for (const refusal of outcome.refusals.slice(0, MAX_REFUSALS_SHOWN))
    query.append('refused', `${refusal.reason}:${refusal.name}`);
  if (outcome.formError) query.set('uploadError', outcome.formError);
  return query.toString();
}

/** The outcome in a step page's query, or null; anything malformed is dropped. */
export function readOutcome(
  query: Record<string, string | string[] | undefined>,
): UploadOutcome | null {
  const item = typeof query.item === 'string' && ITEM.test(query.item) ? query.item : null;
  if (!item) return null;
  const accepted = Number(typeof query.accepted === 'string' ? query.accepted : '0');
  const raw = query.refused === undefined ? [] : [query.refused].flat();
  const refusals: UploadOutcome['refusals'] = [];
  for (const entry of raw.slice(0, MAX_REFUSALS_SHOWN)) {
    const colon = entry.indexOf(':');
    const reason = entry.slice(0, colon) as RefusalReason;
    if (colon < 0 || !REFUSAL_REASONS.includes(reason)) continue;
    refusals.push({ reason, name: entry.slice(colon + 1).slice(0, 200) });
  }
  const formError =
    query.uploadError === 'no_file' || query.uploadError === 'expired'
      ? query.uploadError
      : undefined;
  return {
    item,
    accepted: Number.isInteger(accepted) && accepted >= 0 && accepted <= 50 ? accepted : 0,
    refusals,
    formError,
  };
}
