import type { RefusalReason } from './rules';
import type { UploadOutcome } from './upload-outcome';

/**
 * A browser's form navigation (the plain form, without JavaScript): it accepts HTML, or says it
 * navigates (Sec-Fetch-Mode). Anything else (the step's script, curl, another program) gets a
 * status code and a plain-text or JSON answer instead of a 303 to a page.
 */
export function isFormNavigation(headers: Headers): boolean {
  if (headers.get('sec-fetch-mode') === 'navigate') return true;
  return (headers.get('accept') ?? '').toLowerCase().includes('text/html');
}

/** Each refusal's HTTP status, for requests that are not form navigations. */
export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  too_big: 413,
  wrong_type: 415,
  too_many: 409,
  empty: 400,
  unreadable: 400,
};

const noStore = { 'Cache-Control': 'no-store' };

/** A short plain-text answer (never a page, never a stack). */
export function plainText(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * An upload's outcome for a program: 201 when every file was accepted, else the first refusal's
 * status (413 too big, 415 wrong type, 409 too many, 400 empty or unreadable). JSON when asked
 * for (the step's script), else one line per refusal, "reason: name".
 */
export function outcomeResponse(outcome: UploadOutcome, accept: string | null): Response {
  const first = outcome.refusals[0];
  const status = outcome.formError === 'no_file' ? 400 : first ? REFUSAL_STATUS[first.reason] : 201;
  if ((accept ?? '').includes('application/json'))
    return Response.json(
      { accepted: outcome.accepted, refusals: outcome.refusals, formError: outcome.formError },
      { status, headers: noStore },
    );
  if (outcome.formError === 'no_file') return plainText(400, 'No file');
  return plainText(
    status,
    [`${outcome.accepted} accepted`, ...outcome.refusals.map((r) => `${r.reason}: ${r.name}`)].join(
      '\n',
    ),
  );
}
