import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';
import { withinBodyLimit } from './body-limit';

/**
 * Requests to pages that Next.js would refuse by throwing — a 500 and a stack in the log for
 * every probe (ERR-01) — are refused by middleware first, with a plain answer of the right
 * status. Only a POST costs more than a look at the headers: every form here posts to a server
 * action, multipart, and its body (64 kB at most) is parsed once more.
 */

/** What pages answer; Allow of the 405. */
export const PAGE_METHODS = ['GET', 'HEAD', 'POST'] as const;
/**
 * next.config.ts `serverActions.bodySizeLimit` ('64kb'): Next.js would throw past it. A body
 * without Content-Length (chunked) is read up to it and no further.
 */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * The most fields a form post may have: the largest form (consent) sends about 20 with
 * React's own (`$ACTION_…`, the previous state).
 */
export const MAX_FORM_FIELDS = 64;
/**
 * The deepest nesting of [ and { a field may hold: React decodes the action's arguments
 * recursively (10,000 levels overflow the stack); ours are 3 deep.
 */
export const MAX_NESTING = 32;

/** The status a page request is refused with, or null when Next.js may have it. */
export async function refusedStatus(req: Request): Promise<number | null> {
  if (!(PAGE_METHODS as readonly string[]).includes(req.method)) return 405;
  const routerState = req.headers.get('next-router-state-tree');
  if (routerState !== null && !validRouterState(routerState)) return 400;
  if (req.method !== 'POST') return null;

  if (!sameOriginAsNext(req.headers)) return 403;
  // A form posted with or without JavaScript: multipart, as React sends every form.
  if (!/^multipart\/form-data;.*\bboundary=/i.test(req.headers.get('content-type') ?? '')) {
    return 400;
  }
  const limited = await withinBodyLimit(req, ACTION_BODY_LIMIT_BYTES);
  if (limited instanceof Response) return 413;
  let form: FormData;
  try {
    form = await limited.formData();
  } catch {
    return 400;
  }
  let fields = 0;
  for (const value of form.values()) {
    if (++fields > MAX_FORM_FIELDS) return 400;
    if (typeof value === 'string' && nestingDepth(value) > MAX_NESTING) return 400;
  }
  return null;
}

/** Next.js's own parse of the header (it throws on anything else). */
function validRouterState(header: string): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

/**
 * The check Next.js makes before running an action (server/app-render/action-handler.js): the
 * Origin's host must be the first X-Forwarded-Host, else the Host. A request without Origin
 * goes on: the action's own check refuses it (lib/forms/form-action.ts, CSRF-01).
 */
export function sameOriginAsNext(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** How deep [ and { nest in a text, outside JSON strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > deepest) deepest = depth;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
      depth--;
    }
  }
  return deepest;
}
