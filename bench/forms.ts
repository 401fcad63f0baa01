/**
 * The portal's forms as a browser without JavaScript posts them: the server action's hidden
 * fields from the page, then the visible ones, as multipart/form-data. Also how the bench signs
 * in to get a session cookie.
 */
import { randomBytes } from 'node:crypto';
import { cookiesOf, request } from './http';

export const SESSION_COOKIE = '__Host-monso.session';
/** The staff session's cookie in production (lib/staff/staff-cookie.ts). */
export const STAFF_COOKIE = '__Host-monso.staff';
/** "Demandes à traiter", in French. */
export const STAFF_QUEUE_PATH = '/fr/personnel/demandes';
export const LOGIN_PATH = '/fr/connexion';
export const CREATE_ACCOUNT_PATH = '/fr/creer-un-compte';
export const DASHBOARD_PATH = '/fr/tableau-de-bord';
export const BUILDING_HOME_PATH = '/fr/services-du-code-du-batiment';
/** An application's page (lib/i18n/routing.ts), in French as the bench's browser asks. */
export const applicationPath = (reference: string) =>
  `${BUILDING_HOME_PATH}/demandes/${encodeURIComponent(reference)}`;

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&#x27;': "'",
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

function unescapeHtml(value: string): string {
  return value.replace(/&(?:quot|amp|#x27|#39|lt|gt);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * The hidden `$ACTION_…` inputs of the page's first form, in document order, as the browser
 * sends them (`$ACTION_REF_1`, `$ACTION_1:0` with the action id, `$ACTION_1:1` with the form
 * state, `$ACTION_KEY`). Stable for one build: fetch once, reuse for every request.
 */
export function actionFields(html: string): [string, string][] {
  const form = /<form\b[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('no <form> in the page');
  const fields: [string, string][] = [];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([\w$:-]+)(?:="([^"]*)")?/g)) {
      attrs.set(m[1]!.toLowerCase(), unescapeHtml(m[2] ?? ''));
    }
    const name = attrs.get('name');
    if (attrs.get('type') === 'hidden' && name?.startsWith('$ACTION_')) {
      fields.push([name, attrs.get('value') ?? '']);
    }
  }
  if (!fields.some(([name]) => name === '$ACTION_KEY')) {
    throw new Error('the form has no server-action fields ($ACTION_KEY)');
  }
  return fields;
}

/** The server action's id, from the `$ACTION_1:0` field (`{"id":"…","bound":"$@1"}`). */
export function actionId(fields: [string, string][]): string {
  const ref = fields.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
  const id = ref ? (JSON.parse(ref) as { id?: string }).id : undefined;
  if (!id) throw new Error('no action id in the form fields');
  return id;
}

/** multipart/form-data as a browser encodes text fields. */
export function multipart(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----BenchFormBoundary${randomBytes(8).toString('hex')}`;
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The headers a same-origin browser form POST carries (Origin is required: CSRF-01). */
export function formHeaders(base: string, ip: string, contentType: string): Record<string, string> {
  return {
    origin: base,
    'content-type': contentType,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'navigate',
    'x-real-ip': ip,
  };
}

/** GETs a form page and returns its server-action fields. */
export async function fetchActionFields(base: string, path: string, ip: string) {
  const res = await request(base, { method: 'GET', path, headers: { 'x-real-ip': ip } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return actionFields(res.text());
}

/** True when a sign-in response set a session cookie (303 without JS, 303 or 200 with it). */
export function setsSession(headers: Record<string, unknown>): boolean {
  const raw = headers['set-cookie'] ?? headers['Set-Cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return lines.some((l) => String(l).startsWith(`${SESSION_COOKIE}=`));
}

/** Signs in like a browser without JavaScript; returns the `Cookie` header value. */
export async function signIn(
  base: string,
  email: string,
  password: string,
  ip: string,
): Promise<string> {
  const fields = await fetchActionFields(base, LOGIN_PATH, ip);
  const { body, contentType } = multipart([...fields, ['email', email], ['password', password]]);
  const res = await request(base, {
    method: 'POST',
    path: LOGIN_PATH,
    headers: formHeaders(base, ip, contentType),
    body,
  });
  const session = cookiesOf(res.headers).get(SESSION_COOKIE);
  if (res.status !== 303 || !session) {
    throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text().slice(0, 300)}`);
  }
  return `${SESSION_COOKIE}=${session}`;
}
